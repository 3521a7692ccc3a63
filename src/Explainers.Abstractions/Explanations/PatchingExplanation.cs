using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>
/// Activation patching (or its gradient approximation): the metric of the patched run for every cell of a grid
/// (layer × position, layer × head, layer × head × position), raw and normalised as
/// (patched − corrupted) / (clean − corrupted).
/// </summary>
public sealed class PatchingExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "patching";

    /// <summary>The patched site, e.g. <c>resid_pre</c>, <c>attn_out</c>, <c>z</c>.</summary>
    public required string HookPoint { get; init; }

    /// <summary>The hook point of each row of the grid (its first axis), e.g. <c>blocks.0.hook_resid_pre</c>, or null.</summary>
    public IReadOnlyList<string>? RowNames { get; init; }

    /// <summary>Names of the grid's axes, e.g. <c>["layer", "position"]</c>.</summary>
    public required IReadOnlyList<string> Axes { get; init; }

    /// <summary>Normalised effect per cell: (patched − corrupted) / (clean − corrupted) (for noising, the same formula on the noised metric).</summary>
    public required NdArray<float> Effects { get; init; }

    /// <summary>The raw metric of the patched run per cell.</summary>
    public NdArray<float>? RawMetrics { get; init; }

    /// <summary>The metric's name (<c>logit_diff</c>, <c>loss</c>, <c>probability</c>).</summary>
    public string Metric { get; init; } = "logit_diff";

    /// <summary><c>denoising</c> (clean activations into the corrupted run) or <c>noising</c>.</summary>
    public string Direction { get; init; } = "denoising";

    /// <summary>The metric of the clean run.</summary>
    public double CleanMetric { get; init; }

    /// <summary>The metric of the corrupted run.</summary>
    public double CorruptedMetric { get; init; }

    /// <summary>Clean prompt tokens, or null.</summary>
    public IReadOnlyList<int>? CleanTokens { get; init; }

    /// <summary>Corrupted prompt tokens, or null.</summary>
    public IReadOnlyList<int>? CorruptedTokens { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("hook_point", HookPoint);
        writer.WritePropertyName("axes");
        JsonSerializer.Serialize(writer, Axes);
        if (RowNames is not null)
        {
            writer.WritePropertyName("row_names");
            JsonSerializer.Serialize(writer, RowNames);
        }

        writer.WriteString("metric", Metric);
        writer.WriteString("direction", Direction);
        writer.WriteNumber("clean_metric", CleanMetric);
        writer.WriteNumber("corrupted_metric", CorruptedMetric);
        if (CleanTokens is not null)
        {
            writer.WritePropertyName("clean_tokens");
            JsonArrays.Write(writer, CleanTokens);
        }

        if (CorruptedTokens is not null)
        {
            writer.WritePropertyName("corrupted_tokens");
            JsonArrays.Write(writer, CorruptedTokens);
        }

        writer.WritePropertyName("effects");
        JsonArrays.Write(writer, Effects);
        if (RawMetrics is not null)
        {
            writer.WritePropertyName("raw_metrics");
            JsonArrays.Write(writer, RawMetrics);
        }
    }
}
