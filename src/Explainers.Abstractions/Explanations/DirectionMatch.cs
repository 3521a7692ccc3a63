using System.Text.Json.Serialization;

namespace Interp.Explainers.Explanations;

/// <summary>A probe direction's cosine similarity with one SAE decoder direction (JSON <c>class</c>, <c>feature</c>, <c>cosine</c>).</summary>
/// <param name="Class">The probe's weight row (class; 0 for a binary probe).</param>
/// <param name="Feature">The SAE feature.</param>
/// <param name="Cosine">cos(probe weights, W_dec[feature]).</param>
public sealed record DirectionMatch(
    [property: JsonPropertyName("class")] int Class,
    [property: JsonPropertyName("feature")] int Feature,
    [property: JsonPropertyName("cosine")] double Cosine);
