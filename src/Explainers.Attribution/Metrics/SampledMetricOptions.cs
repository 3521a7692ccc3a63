using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Options shared by the metrics that draw perturbations: how many per example, and the seed.</summary>
public abstract class SampledMetricOptions
{
    /// <summary>Perturbations per example (Captum: <c>n_perturb_samples</c>), default 10.</summary>
    [Range(1, 1_000_000)]
    public int Samples { get; set; } = 10;

    /// <summary>Seed of the default perturbations; null uses the request's seed (then 0).</summary>
    public int? Seed { get; set; }
}
