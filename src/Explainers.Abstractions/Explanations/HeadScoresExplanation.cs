using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>Per-head scores of attention-pattern detectors (previous-token, duplicate-token, induction): [detectors, layers, heads].</summary>
public sealed class HeadScoresExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "head_scores";

    /// <summary>Detector names, e.g. <c>previous_token</c>, <c>duplicate_token</c>, <c>induction</c>.</summary>
    public required IReadOnlyList<string> Detectors { get; init; }

    /// <summary>Scores [detectors, layers, heads] in [0, 1]: the mean attention mass on the detector's target positions.</summary>
    public required NdArray<float> Scores { get; init; }

    /// <summary>The token sequence the heads were scored on.</summary>
    public IReadOnlyList<int>? Tokens { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("detectors");
        JsonSerializer.Serialize(writer, Detectors);
        writer.WritePropertyName("scores");
        JsonArrays.Write(writer, Scores);
        if (Tokens is not null)
        {
            writer.WritePropertyName("tokens");
            JsonArrays.Write(writer, Tokens);
        }
    }
}
