namespace Interp.Explainers.Models;

/// <summary>Loads model files of one format into model adapters. Backends register one each.</summary>
public interface IModelLoader
{
    /// <summary>The format name (e.g. <c>onnx</c>).</summary>
    string Format { get; }

    /// <summary>File extensions handled, with the dot (e.g. <c>.onnx</c>).</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// The capability interfaces the loaded models implement (default: batched prediction). When several loaders
    /// take the same extension, the host picks the first that offers what the explainer needs.
    /// </summary>
    IReadOnlyList<Type> Capabilities => [typeof(IPredictor)];

    /// <summary>Loads the file.</summary>
    /// <param name="path">The model file.</param>
    /// <exception cref="InterpException">Missing, truncated or invalid file; the message names it.</exception>
    IModel Load(string path);
}
