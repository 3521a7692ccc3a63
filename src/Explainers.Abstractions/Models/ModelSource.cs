namespace Interp.Explainers.Models;

/// <summary>Where a model came from.</summary>
/// <param name="Path">The file it was loaded from, or null for an in-memory model.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file, or null.</param>
/// <param name="Format">The format or backend, e.g. <c>onnx</c>.</param>
public sealed record ModelSource(string? Path, string? Sha256, string Format);
