using Interp.Explainers;
using Interp.Explainers.Models;

namespace Interp.Core.Models;

/// <summary>Picks the registered <see cref="IModelLoader"/> for a file by its extension.</summary>
public sealed class ModelLoaderCatalog
{
    private readonly IReadOnlyList<IModelLoader> _loaders;

    /// <summary>The pseudo-extension a loader lists among its <see cref="IModelLoader.Extensions"/> to take model folders (e.g. HuggingFace folders).</summary>
    public const string FolderExtension = "/";

    /// <summary>Creates the catalog.</summary>
    /// <param name="loaders">The loaders registered by backends.</param>
    public ModelLoaderCatalog(IEnumerable<IModelLoader> loaders) => _loaders = loaders.ToList();

    /// <summary>Loads a model file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InterpException">Missing file, unknown extension or a loader error.</exception>
    public IModel Load(string path) => Load(path, []);

    /// <summary>
    /// Loads a model file with the first loader for its extension whose models offer every capability in
    /// <paramref name="required"/> (e.g. gradients: an ONNX file is then imported into TorchSharp rather than run
    /// on ONNX Runtime).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="required">Capability interfaces the caller needs.</param>
    /// <exception cref="InterpException">Missing file, unknown extension, no loader with the capabilities, or a loader error.</exception>
    public IModel Load(string path, IReadOnlyList<Type> required)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentException.ThrowIfNullOrEmpty(path);
        bool folder = Directory.Exists(path);
        if (!folder && !File.Exists(path))
        {
            throw new InterpException($"Model file '{path}' does not exist.");
        }

        var ext = folder ? FolderExtension : Path.GetExtension(path);
        var candidates = _loaders.Where(l => l.Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase)).ToList();
        if (candidates.Count == 0)
        {
            throw new InterpException(folder
                ? $"Model '{path}' is a folder and no backend loads model folders (known extensions: {string.Join(", ", _loaders.SelectMany(l => l.Extensions).Distinct())})."
                : $"Model file '{path}': no backend loads '{ext}' files (known: {string.Join(", ", _loaders.SelectMany(l => l.Extensions).Distinct())}).");
        }

        var loader = candidates.FirstOrDefault(l => required.All(r => l.Capabilities.Any(r.IsAssignableFrom)));
        if (loader is null)
        {
            var missing = required.Where(r => !candidates.Any(l => l.Capabilities.Any(r.IsAssignableFrom))).Select(r => r.Name);
            throw new InterpException(
                $"Model file '{path}': no backend loads '{ext}' files with {string.Join(" and ", missing)} ({string.Join(", ", candidates.Select(l => l.Format))} offer {string.Join(", ", candidates.SelectMany(l => l.Capabilities).Select(c => c.Name).Distinct())}); " +
                "use a perturbation method (feature-ablation, occlusion, lime) or another model format.");
        }

        return loader.Load(path);
    }
}
