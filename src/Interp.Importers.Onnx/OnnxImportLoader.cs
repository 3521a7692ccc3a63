using Interp.Explainers.Hosting;
using Interp.Explainers.Models;

namespace Interp.Importers.Onnx;

/// <summary>
/// Loads <c>.onnx</c> files through the importer: differentiable and hookable models. Registered after ONNX
/// Runtime's loader, so it is chosen when an explainer needs gradients, hooks or backward rules.
/// </summary>
public sealed class OnnxImportLoader : IModelLoader
{
    private readonly ComputeDevice _device;

    /// <summary>Creates the loader.</summary>
    /// <param name="device">The resolved device.</param>
    public OnnxImportLoader(ComputeDevice device) => _device = device;

    /// <inheritdoc />
    public string Format => "onnx-torchsharp";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".onnx"];

    /// <inheritdoc />
    public IReadOnlyList<Type> Capabilities { get; } = [typeof(IPredictor), typeof(IDifferentiable), typeof(IHookable), typeof(ILayerDifferentiable), typeof(IBackwardRules)];

    /// <inheritdoc />
    public IModel Load(string path) => OnnxImporter.Import(path, _device);
}
