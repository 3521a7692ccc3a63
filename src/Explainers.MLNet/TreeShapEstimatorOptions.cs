using Interp.Explainers.Attribution.TreeShap;
using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>Options of <c>mlContext.Explain().TreeShap(model, options)</c>.</summary>
public sealed class TreeShapEstimatorOptions : ShapColumnOptions
{
    /// <summary>
    /// The explainer's own options: <c>FeaturePerturbation</c> (<c>auto</c>: interventional with a
    /// <see cref="Background"/>, else path-dependent), <c>ModelOutput</c> (<c>raw</c>, or <c>probability</c> for binary
    /// models with a background). <c>Threads</c>, <c>Interactions</c> and <c>Global</c> are not used here (see
    /// <see cref="ExplanationColumnOptions.Threads"/>).
    /// </summary>
    public TreeShapOptions Explainer { get; set; } = new();

    /// <summary>Background rows for interventional SHAP (the chain's input columns, or its feature column); null: path-dependent.</summary>
    public IDataView? Background { get; set; }
}
