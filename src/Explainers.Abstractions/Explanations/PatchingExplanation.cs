using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>Activation patching: the metric after patching each site, over named axes (e.g. layer × position).</summary>
public sealed class PatchingExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "patching";

    /// <summary>Patched metric values, one axis per entry of <see cref="Axes"/>.</summary>
    public required NdArray<float> Effects { get; init; }

    /// <summary>Axis names, e.g. <c>["layer", "position"]</c>.</summary>
    public required IReadOnlyList<string> Axes { get; init; }

    /// <summary>The patched hook point (pattern), e.g. <c>blocks.{l}.hook_resid_pre</c>.</summary>
    public required string HookPoint { get; init; }

    /// <summary>The metric on the clean run.</summary>
    public double CleanMetric { get; init; }

    /// <summary>The metric on the corrupted run.</summary>
    public double CorruptedMetric { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("hook_point", HookPoint);
        writer.WritePropertyName("axes");
        JsonSerializer.Serialize(writer, Axes);
        writer.WriteNumber("clean_metric", CleanMetric);
        writer.WriteNumber("corrupted_metric", CorruptedMetric);
        writer.WritePropertyName("effects");
        JsonArrays.Write(writer, Effects);
    }
}
