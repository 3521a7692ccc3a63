using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp.Models;

/// <summary>
/// Loads TorchScript files (<c>torch.jit.save</c>) as <see cref="TorchModel"/>s: predictions and input gradients
/// work; hooks inside a TorchScript module never fire, so these models do not offer <see cref="IHookable"/>.
/// </summary>
public sealed class TorchScriptLoader : IModelLoader
{
    private readonly ComputeDevice _device;

    /// <summary>Creates the loader.</summary>
    /// <param name="device">The resolved device.</param>
    public TorchScriptLoader(ComputeDevice device) => _device = device;

    /// <inheritdoc />
    public string Format => "torchscript";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".pt", ".pth", ".torchscript"];

    /// <inheritdoc />
    public IReadOnlyList<Type> Capabilities { get; } = [typeof(IPredictor), typeof(IDifferentiable)];

    /// <inheritdoc />
    public IModel Load(string path) => LoadModel(path, _device);

    /// <summary>Loads a TorchScript file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="device">Where to run.</param>
    /// <exception cref="InterpException">Missing file, or not a TorchScript archive (e.g. a pickled state dict).</exception>
    public static TorchModel LoadModel(string path, ComputeDevice? device = null)
    {
        if (!File.Exists(path)) throw new InterpException($"Model file '{path}' does not exist.");
        var d = device ?? ComputeDevice.Cpu;
        jit.ScriptModule module;
        try
        {
            module = jit.load(path, TorchRuntime.ToTorch(d));
        }
        catch (ExternalException ex)
        {
            throw new InterpException($"Model file '{path}' is not a TorchScript archive (save the model with torch.jit.save, not torch.save): {ex.Message.Split('\n')[0]}", ex);
        }

        module.eval();
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        return new TorchModel(
            xs => module.call(xs.Cast<object>().ToArray()) as Tensor ?? throw new InterpException($"TorchScript model '{path}' did not return a single tensor."),
            [new TensorSpec("input", typeof(float), [])],
            new TensorSpec("output", typeof(float), []),
            new ModelSource(Path.GetFullPath(path), sha, "torchscript"),
            d,
            module);
    }
}
