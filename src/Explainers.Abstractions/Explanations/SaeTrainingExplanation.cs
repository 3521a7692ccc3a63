using System.Text.Json;

namespace Interp.Explainers.Explanations;

/// <summary>
/// A sparse autoencoder's training run: its curves (loss, l0, dead features, learning rate, ... per logged step) and the
/// evaluation metrics of the trained SAE with SAELens' names (<c>l0</c>, <c>mse</c>, <c>explained_variance</c>,
/// <c>ce_loss_score</c>, <c>dead_features</c>, ...).
/// </summary>
public sealed class SaeTrainingExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "sae_training";

    /// <summary>The architecture name (<c>topk</c>, <c>standard</c>, ...).</summary>
    public required string Architecture { get; init; }

    /// <summary>The hook point the SAE reads, or null.</summary>
    public string? HookPoint { get; init; }

    /// <summary>Input width.</summary>
    public required int DIn { get; init; }

    /// <summary>Number of features.</summary>
    public required int DSae { get; init; }

    /// <summary>The logged steps.</summary>
    public required IReadOnlyList<int> Steps { get; init; }

    /// <summary>Each curve's values at <see cref="Steps"/>, by name (<c>loss</c>, <c>l0</c>, <c>dead_features</c>, <c>learning_rate</c>, loss terms).</summary>
    public required IReadOnlyDictionary<string, double[]> Curves { get; init; }

    /// <summary>Evaluation metrics of the trained SAE, by SAELens name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("architecture", Architecture);
        writer.WriteString("hook_point", HookPoint);
        writer.WriteNumber("d_in", DIn);
        writer.WriteNumber("d_sae", DSae);
        writer.WritePropertyName("steps");
        JsonArrays.Write(writer, Steps);
        writer.WriteStartObject("curves");
        foreach (var (name, values) in Curves.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            JsonArrays.Write(writer, values);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("metrics");
        foreach (var (name, value) in Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (double.IsFinite(value)) writer.WriteNumber(name, value);
            else writer.WriteNull(name);
        }

        writer.WriteEndObject();
    }
}
