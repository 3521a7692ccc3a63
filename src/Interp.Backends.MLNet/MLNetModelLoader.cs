using Interp.Explainers.Models;

namespace Interp.Backends.MLNet;

/// <summary>Loads ML.NET model files (<c>.zip</c>, saved by <c>mlContext.Model.Save</c>) as <see cref="MLNetModel"/>s.</summary>
public sealed class MLNetModelLoader : IModelLoader
{
    /// <inheritdoc />
    public string Format => "mlnet";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".zip"];

    /// <inheritdoc />
    public IModel Load(string path) => MLNetModel.Load(path);
}
