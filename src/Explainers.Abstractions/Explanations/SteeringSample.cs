using System.Text.Json.Serialization;

namespace Interp.Explainers.Explanations;

/// <summary>
/// A generation with a multiple of a feature's direction added at its hook on every position
/// (<c>coefficient</c> 0 is the unsteered baseline).
/// </summary>
/// <param name="Coefficient">The multiple of the direction added.</param>
/// <param name="Tokens">The generated token ids (prompt excluded).</param>
/// <param name="Text">The generated text, when the model has a tokenizer.</param>
public sealed record SteeringSample(
    [property: JsonPropertyName("coefficient")] double Coefficient,
    [property: JsonPropertyName("tokens")] IReadOnlyList<int> Tokens,
    [property: JsonPropertyName("text")] string? Text);
