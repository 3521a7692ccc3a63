using Interp.Explainers.Hosting;
using Interp.Explainers.Models;

namespace Interp.Backends.Onnx;

/// <summary>Loads <c>.onnx</c> files as <see cref="OnnxModel"/>s on the resolved device.</summary>
public sealed class OnnxModelLoader : IModelLoader
{
    private readonly ComputeDevice _device;

    /// <summary>Creates the loader.</summary>
    /// <param name="device">The resolved device.</param>
    public OnnxModelLoader(ComputeDevice device) => _device = device;

    /// <inheritdoc />
    public string Format => "onnx";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".onnx"];

    /// <inheritdoc />
    public IReadOnlyList<Type> Capabilities { get; } = [typeof(IPredictor)];

    /// <inheritdoc />
    public IModel Load(string path) => OnnxModel.Load(path, _device);
}
