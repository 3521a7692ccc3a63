using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>
/// Global views of a <see cref="ShapExplanation"/>: mean |SHAP| per feature (per output) and, per feature, the feature
/// that interacts with it most strongly (for dependence plots: feature value vs SHAP value, coloured by that feature).
/// </summary>
public sealed class ShapGlobalSummary
{
    /// <summary>Mean |SHAP| over rows: [features] or [classes, features].</summary>
    public required NdArray<double> MeanAbsShap { get; init; }

    /// <summary>Per feature, the index of the feature it interacts with most (mean |interaction|, or correlation when no interactions were computed); -1 if none.</summary>
    public required int[] StrongestInteraction { get; init; }

    /// <summary>The explained rows' feature values, [rows, features] (the x axis of dependence plots; NaN missing).</summary>
    public required NdArray<double> FeatureValues { get; init; }

    /// <summary>Writes the summary fields into the open envelope object.</summary>
    /// <param name="writer">A writer positioned inside the envelope object.</param>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("mean_abs_shap");
        JsonArrays.Write(writer, MeanAbsShap);
        writer.WritePropertyName("dependence");
        writer.WriteStartObject();
        writer.WritePropertyName("interaction_feature");
        JsonArrays.Write(writer, StrongestInteraction);
        writer.WritePropertyName("feature_values");
        JsonArrays.Write(writer, FeatureValues);
        writer.WriteEndObject();
    }
}
