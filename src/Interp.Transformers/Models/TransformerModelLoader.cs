using System.Security.Cryptography;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Transformers.Loading;

namespace Interp.Transformers.Models;

/// <summary>
/// Loads llama2.c checkpoints (<c>.bin</c>, tokenizer <c>tok512.bin</c> beside it when present) and HuggingFace
/// folders (GPT-2, Llama; the folder pseudo-extension <c>/</c>) as <see cref="HookedTransformerModel"/>s.
/// </summary>
public sealed class TransformerModelLoader : IModelLoader
{
    private readonly ComputeDevice _device;

    /// <summary>Creates the loader.</summary>
    /// <param name="device">The resolved device.</param>
    public TransformerModelLoader(ComputeDevice device) => _device = device;

    /// <inheritdoc />
    public string Format => "transformer";

    /// <summary><c>.bin</c> (llama2.c) and <c>/</c>, the pseudo-extension of model folders.</summary>
    public IReadOnlyList<string> Extensions { get; } = [".bin", "/"];

    /// <inheritdoc />
    public IReadOnlyList<Type> Capabilities { get; } =
        [typeof(IPredictor), typeof(IDifferentiable), typeof(ILayerDifferentiable), typeof(IHookable), typeof(IHookedTransformerModel)];

    /// <inheritdoc />
    public IModel Load(string path) => LoadModel(path, null, _device);

    /// <summary>Loads a checkpoint or folder.</summary>
    /// <param name="path">llama2.c checkpoint or HuggingFace folder.</param>
    /// <param name="tokenizerPath">A llama2.c tokenizer file, or null for the default beside the checkpoint.</param>
    /// <param name="device">Where to run (CPU when null).</param>
    /// <exception cref="InterpException">Missing or invalid model.</exception>
    public static HookedTransformerModel LoadModel(string path, string? tokenizerPath = null, ComputeDevice? device = null)
    {
        var loaded = TransformerLoader.Load(path, tokenizerPath);
        var hashed = Directory.Exists(path) ? Path.Combine(path, "model.safetensors") : path;
        string sha;
        using (var stream = File.OpenRead(hashed)) sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new HookedTransformerModel(loaded.Model, loaded.Tokenizer, new ModelSource(Path.GetFullPath(path), sha, loaded.Format), device);
    }
}
