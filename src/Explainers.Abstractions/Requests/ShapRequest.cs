using Interp.Explainers.Tensors;

namespace Interp.Explainers.Requests;

/// <summary>A SHAP request: rows to explain and, for interventional SHAP, a background set (both [rows, features], NaN missing).</summary>
public sealed class ShapRequest : ExplanationRequest
{
    /// <summary>The rows to explain, [rows, features] in the model's feature order.</summary>
    public required NdArray<double> Data { get; init; }

    /// <summary>Background rows for interventional SHAP, [rows, features]; null for path-dependent SHAP.</summary>
    public NdArray<double>? Background { get; init; }

    /// <summary>Output (class) names for the report.</summary>
    public IReadOnlyList<string>? OutputNames { get; init; }
}
