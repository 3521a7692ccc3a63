using System.Text.Json.Serialization;

namespace Interp.Explainers.Explanations;

/// <summary>An output token and a value (a feature's direct effect on its logit; JSON <c>token</c>, <c>token_id</c>, <c>value</c>).</summary>
/// <param name="Token">The token's text.</param>
/// <param name="TokenId">The token id.</param>
/// <param name="Value">The value.</param>
public sealed record LogitEntry(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("token_id")] int TokenId,
    [property: JsonPropertyName("value")] float Value);
