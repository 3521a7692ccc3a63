using System.Text.Json.Serialization;

namespace Interp.Explainers.Explanations;

/// <summary>A token context in which a feature fires (JSON: <c>tokens</c>, <c>activations</c>, <c>max_activation</c>, ...).</summary>
/// <param name="Tokens">The context tokens.</param>
/// <param name="Activations">The feature's activation on each token.</param>
/// <param name="MaxActivation">The largest activation in the context.</param>
public sealed record FeatureContext(
    [property: JsonPropertyName("tokens")] IReadOnlyList<string> Tokens,
    [property: JsonPropertyName("activations")] IReadOnlyList<float> Activations,
    [property: JsonPropertyName("max_activation")] float MaxActivation)
{
    /// <summary>Index of the corpus sequence the context comes from (−1 when unknown).</summary>
    [JsonPropertyName("sequence")]
    public int Sequence { get; init; } = -1;

    /// <summary>Position (in its sequence) of the context's first token.</summary>
    [JsonPropertyName("start")]
    public int Start { get; init; }

    /// <summary>Index within <see cref="Tokens"/> of the token with the largest activation.</summary>
    [JsonPropertyName("max_index")]
    public int MaxIndex { get; init; }
}
