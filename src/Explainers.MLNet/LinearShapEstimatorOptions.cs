using Interp.Explainers.Attribution.LinearShap;
using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>Options of <c>mlContext.Explain().LinearShap(model, options)</c>.</summary>
public sealed class LinearShapEstimatorOptions : ShapColumnOptions
{
    /// <summary>The explainer's own options (<c>AllowNonFinite</c>).</summary>
    public LinearShapOptions Explainer { get; set; } = new();

    /// <summary>Background rows whose feature means are E[x]; null (default): the rows the estimator is fitted on.</summary>
    public IDataView? Background { get; set; }
}
