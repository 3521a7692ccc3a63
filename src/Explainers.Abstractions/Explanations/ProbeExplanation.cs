using System.Text.Json;

namespace Interp.Explainers.Explanations;

/// <summary>A linear probe trained on a hook point's activations: its accuracy and direction.</summary>
public sealed class ProbeExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "probe";

    /// <summary>The hook point probed.</summary>
    public required string HookPoint { get; init; }

    /// <summary>Held-out accuracy.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Probe weights [classes][d].</summary>
    public required double[][] Weights { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("hook_point", HookPoint);
        writer.WriteNumber("accuracy", Accuracy);
        writer.WritePropertyName("weights");
        JsonSerializer.Serialize(writer, Weights);
    }
}
