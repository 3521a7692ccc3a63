using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>
/// SHAP values (TreeSHAP, later KernelSHAP): per row, one value per player (feature) and per output, with the base value
/// they add up from. Shapes are stable per task: <c>base_values</c> [rows] and <c>shap_values</c> [rows][features] for a
/// single-output model; [rows][classes] and [rows][classes][features] for multiclass.
/// </summary>
public sealed class ShapExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "shap";

    /// <summary>One name per player (the last axis of <see cref="ShapValues"/>).</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary>Base (expected) value per row: [rows] or [rows, classes].</summary>
    public required NdArray<double> BaseValues { get; init; }

    /// <summary>SHAP values: [rows, features] or [rows, classes, features].</summary>
    public required NdArray<double> ShapValues { get; init; }

    /// <summary>SHAP interaction values, where requested: [rows, (classes,) features, features].</summary>
    public NdArray<double>? InteractionValues { get; init; }

    /// <summary>The space the values are in: <c>raw</c> (margin) or <c>probability</c>.</summary>
    public string OutputSpace { get; init; } = "raw";

    /// <summary>How absent features are modelled: <c>tree_path_dependent</c> or <c>interventional</c> (shap's names).</summary>
    public string FeaturePerturbation { get; init; } = "tree_path_dependent";

    /// <summary>Global summaries, where computed (mean |SHAP|, dependence data).</summary>
    public ShapGlobalSummary? Global { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("feature_perturbation", FeaturePerturbation);
        writer.WriteString("output_space", OutputSpace);
        writer.WritePropertyName("feature_names");
        writer.WriteStartArray();
        foreach (var name in FeatureNames) writer.WriteStringValue(name);
        writer.WriteEndArray();
        writer.WritePropertyName("base_values");
        JsonArrays.Write(writer, BaseValues);
        writer.WritePropertyName("shap_values");
        JsonArrays.Write(writer, ShapValues);
        if (InteractionValues is not null)
        {
            writer.WritePropertyName("interaction_values");
            JsonArrays.Write(writer, InteractionValues);
        }

        Global?.Write(writer);
    }
}
