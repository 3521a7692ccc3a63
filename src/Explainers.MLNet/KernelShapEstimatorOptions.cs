using System.ComponentModel.DataAnnotations;
using Interp.Backends.MLNet;
using Interp.Explainers.Attribution.KernelShap;

namespace Interp.Explainers.MLNet;

/// <summary>Options of <c>mlContext.Explain().KernelShap(model, background, options)</c>.</summary>
public sealed class KernelShapEstimatorOptions : ShapColumnOptions
{
    /// <summary>The explainer's own options (<c>Formulation</c>, <c>Samples</c>, <c>Seed</c>, <c>AllowNonFinite</c>, ...).</summary>
    public KernelShapOptions Explainer { get; set; } = new();

    /// <summary>The explained output: <c>Score</c> (default; the margin of binary classifiers) or <c>Probability</c>.</summary>
    public MLNetOutput Output { get; set; } = MLNetOutput.Score;

    /// <summary>Explain only this output (class) of a multiclass model; null (default): every output.</summary>
    [Range(0, int.MaxValue)]
    public int? Target { get; set; }
}
