using Interp.Explainers.Models;

namespace Interp.Trees;

/// <summary>Loads LightGBM model text files (<c>.txt</c>) as <see cref="LightGbmModel"/>s.</summary>
public sealed class LightGbmModelLoader : IModelLoader
{
    /// <inheritdoc />
    public string Format => "lightgbm";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    /// <inheritdoc />
    public IModel Load(string path) => LightGbmModel.Load(path);
}
