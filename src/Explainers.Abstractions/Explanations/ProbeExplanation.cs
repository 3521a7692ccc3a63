using System.Text.Json;

namespace Interp.Explainers.Explanations;

/// <summary>
/// A linear probe trained on a hook point's activations: its held-out accuracy, its direction (<c>weights</c>
/// [rows][d]: one row for a binary probe, one per class otherwise; <c>bias</c> per row) and, when an SAE is given,
/// the decoder directions closest to it (<c>sae_matches</c>).
/// </summary>
public sealed class ProbeExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "probe";

    /// <summary>The hook point probed.</summary>
    public required string HookPoint { get; init; }

    /// <summary>Held-out accuracy.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Probe weights [rows][d].</summary>
    public required double[][] Weights { get; init; }

    /// <summary>Probe bias per weight row; null when not reported.</summary>
    public double[]? Bias { get; init; }

    /// <summary>Accuracy on the training split.</summary>
    public double? TrainAccuracy { get; init; }

    /// <summary>Number of classes.</summary>
    public int? Classes { get; init; }

    /// <summary>Examples in the training split.</summary>
    public int? TrainExamples { get; init; }

    /// <summary>Examples in the held-out split.</summary>
    public int? HeldOutExamples { get; init; }

    /// <summary>The SAE decoder directions most similar to each weight row (by |cosine|, largest first); null without an SAE.</summary>
    public IReadOnlyList<DirectionMatch>? SaeMatches { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("hook_point", HookPoint);
        writer.WriteNumber("accuracy", Accuracy);
        writer.WritePropertyName("weights");
        JsonSerializer.Serialize(writer, Weights);
        if (Bias is not null)
        {
            writer.WritePropertyName("bias");
            JsonSerializer.Serialize(writer, Bias);
        }

        if (TrainAccuracy is double train) writer.WriteNumber("train_accuracy", train);
        if (Classes is int classes) writer.WriteNumber("classes", classes);
        if (TrainExamples is int tr) writer.WriteNumber("train_examples", tr);
        if (HeldOutExamples is int ho) writer.WriteNumber("held_out_examples", ho);
        if (SaeMatches is not null)
        {
            writer.WritePropertyName("sae_matches");
            JsonSerializer.Serialize(writer, SaeMatches);
        }
    }
}
