using System.Text.Json.Serialization;

namespace Interp.Explainers.Explanations;

/// <summary>A feature firing on one prompt position (JSON <c>position</c>, <c>feature</c>, <c>activation</c>).</summary>
/// <param name="Position">The prompt position.</param>
/// <param name="Feature">The feature (or neuron) index.</param>
/// <param name="Activation">Its activation there.</param>
public sealed record PromptFeatureActivation(
    [property: JsonPropertyName("position")] int Position,
    [property: JsonPropertyName("feature")] int Feature,
    [property: JsonPropertyName("activation")] float Activation);
