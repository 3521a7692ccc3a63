using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.KernelShap;

/// <summary>Options of <see cref="KernelShap"/> (section <c>Interp:Explainers:KernelShap</c>).</summary>
public sealed class KernelShapOptions : Shapley.SampledShapleyOptions
{
    /// <summary>The algorithm: <see cref="KernelShapFormulation.Shap"/> (default) or <see cref="KernelShapFormulation.Captum"/>.</summary>
    public KernelShapFormulation Formulation { get; set; } = KernelShapFormulation.Shap;

    /// <summary>
    /// Coalitions evaluated per example (shap: <c>nsamples</c>, default 2·M + 2048; Captum: <c>n_samples</c>, default 25).
    /// Null (default): the formulation's default. The shap formulation never uses more than the 2^M − 2 proper
    /// coalitions, and is exact when they all fit.
    /// </summary>
    [Range(1, 10_000_000)]
    public int? Samples { get; set; }
}
