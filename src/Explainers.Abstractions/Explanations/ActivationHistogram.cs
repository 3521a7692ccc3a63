using System.Text.Json.Serialization;

namespace Interp.Explainers.Explanations;

/// <summary>A histogram of a feature's non-zero activations: <c>edges</c> (bins + 1 values) and <c>counts</c> (bins).</summary>
/// <param name="Edges">Bin edges, ascending.</param>
/// <param name="Counts">Count per bin.</param>
public sealed record ActivationHistogram(
    [property: JsonPropertyName("edges")] IReadOnlyList<double> Edges,
    [property: JsonPropertyName("counts")] IReadOnlyList<long> Counts);
