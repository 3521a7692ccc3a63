using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Options of <see cref="SensitivityMax"/> (the explainer plans its own batches).</summary>
public sealed class SensitivityMaxOptions : SampledMetricOptions
{
    /// <summary>r of the default perturbations d ~ U(−r, r) per scalar (Captum: <c>perturb_radius</c>), default 0.02.</summary>
    [Range(0.0, 1e6)]
    public double Radius { get; set; } = 0.02;
}
