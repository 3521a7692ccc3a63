using System.Text.Json;
using Interp.Explainers.Models;

namespace Interp.Explainers.Explanations;

/// <summary>
/// The result of an explainer. Every family derives from it; the host writes it as the versioned JSON envelope
/// <c>interp.explanation/1</c>: the common fields below, then the family's payload (<see cref="WritePayload"/>).
/// </summary>
public abstract class Explanation
{
    /// <summary>The family, e.g. <c>attribution</c>, <c>global_importance</c>, <c>attention</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The registry name of the explainer that made it.</summary>
    public required string Method { get; init; }

    /// <summary>The explainer's level.</summary>
    public required ExplainerLevel Level { get; init; }

    /// <summary>The options the explainer ran with.</summary>
    public ExplainerOptions? Options { get; init; }

    /// <summary>The seed used (null for deterministic methods that draw nothing).</summary>
    public int? Seed { get; init; }

    /// <summary>The explained model.</summary>
    public ModelSource? Model { get; init; }

    /// <summary>Feature names, tokens or image info.</summary>
    public ExplanationLabels? Labels { get; init; }

    /// <summary>Quality numbers (completeness gap, efficiency, infidelity, ...), one value per example where per-example.</summary>
    public IDictionary<string, double[]> Quality { get; } = new SortedDictionary<string, double[]>(StringComparer.Ordinal);

    /// <summary>How many times the model was evaluated, and on how many rows in all.</summary>
    public ModelCallStats? ModelCalls { get; init; }

    /// <summary>Writes the family's own fields into the open envelope object.</summary>
    /// <param name="writer">A writer positioned inside the envelope object.</param>
    public abstract void WritePayload(Utf8JsonWriter writer);
}
