using System.Text.Json;

namespace Interp.Explainers.Explanations;

/// <summary>Global feature importance (permutation importance, mean |SHAP|): one number per feature.</summary>
public sealed class GlobalImportanceExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "global_importance";

    /// <summary>Importance per feature.</summary>
    public required double[] Importance { get; init; }

    /// <summary>Standard error per feature over repeats, where measured.</summary>
    public double[]? StandardError { get; init; }

    /// <summary>The metric the importance is measured in (e.g. <c>auc</c>, <c>mean_abs_shap</c>).</summary>
    public required string Metric { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("metric", Metric);
        writer.WritePropertyName("importance");
        JsonArrays.Write(writer, Importance);
        if (StandardError is not null)
        {
            writer.WritePropertyName("standard_error");
            JsonArrays.Write(writer, StandardError);
        }
    }
}
