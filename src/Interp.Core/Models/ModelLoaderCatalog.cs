using Interp.Explainers;
using Interp.Explainers.Models;

namespace Interp.Core.Models;

/// <summary>Picks the registered <see cref="IModelLoader"/> for a file by its extension.</summary>
public sealed class ModelLoaderCatalog
{
    private readonly IReadOnlyList<IModelLoader> _loaders;

    /// <summary>Creates the catalog.</summary>
    /// <param name="loaders">The loaders registered by backends.</param>
    public ModelLoaderCatalog(IEnumerable<IModelLoader> loaders) => _loaders = loaders.ToList();

    /// <summary>Loads a model file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InterpException">Missing file, unknown extension or a loader error.</exception>
    public IModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InterpException($"Model file '{path}' does not exist.");
        }

        var ext = Path.GetExtension(path);
        var loader = _loaders.FirstOrDefault(l => l.Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
            ?? throw new InterpException(
                $"Model file '{path}': no backend loads '{ext}' files (known: {string.Join(", ", _loaders.SelectMany(l => l.Extensions).Distinct())}).");
        return loader.Load(path);
    }
}
