using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>
/// Local attributions: one value per scalar of the attributed input (same shape as that input, examples first),
/// written as <c>attributions</c>, with <c>convergence_delta</c> where the method defines one.
/// </summary>
public sealed class AttributionExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "attribution";

    /// <summary>Attributions, same shape as the attributed input.</summary>
    public required NdArray<float> Attributions { get; init; }

    /// <summary>Which model input was attributed.</summary>
    public int InputIndex { get; init; }

    /// <summary>The explained output index per example, or null for single-output models.</summary>
    public IReadOnlyList<int>? Targets { get; init; }

    /// <summary>Model output for the target at the input, per example.</summary>
    public double[]? OutputAtInput { get; init; }

    /// <summary>Model output for the target at the baseline, per example (where the method evaluates it).</summary>
    public double[]? OutputAtBaseline { get; init; }

    /// <summary>Convergence delta per example, where defined (Integrated Gradients, DeepLift).</summary>
    public double[]? ConvergenceDelta { get; init; }

    /// <summary>Extra per-method arrays (e.g. LIME's per-group coefficients), written under <c>extras</c>.</summary>
    public IDictionary<string, NdArray<float>> Extras { get; } = new SortedDictionary<string, NdArray<float>>(StringComparer.Ordinal);

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("input_index", InputIndex);
        if (Targets is not null)
        {
            writer.WritePropertyName("target");
            JsonArrays.Write(writer, Targets);
        }

        writer.WritePropertyName("attributions");
        JsonArrays.Write(writer, Attributions);
        if (ConvergenceDelta is not null)
        {
            writer.WritePropertyName("convergence_delta");
            JsonArrays.Write(writer, ConvergenceDelta);
        }

        if (OutputAtInput is not null)
        {
            writer.WritePropertyName("output_at_input");
            JsonArrays.Write(writer, OutputAtInput);
        }

        if (OutputAtBaseline is not null)
        {
            writer.WritePropertyName("output_at_baseline");
            JsonArrays.Write(writer, OutputAtBaseline);
        }

        if (Extras.Count > 0)
        {
            writer.WriteStartObject("extras");
            foreach (var (key, value) in Extras)
            {
                writer.WritePropertyName(key);
                JsonArrays.Write(writer, value);
            }

            writer.WriteEndObject();
        }
    }
}
