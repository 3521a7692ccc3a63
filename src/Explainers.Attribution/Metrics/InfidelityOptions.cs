using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Options of <see cref="Infidelity"/>.</summary>
public sealed class InfidelityOptions : SampledMetricOptions
{
    /// <summary>σ of the default Gaussian perturbations I ~ N(0, σ²), default 0.003.</summary>
    [Range(0.0, 1e6)]
    public double Stdev { get; set; } = 0.003;

    /// <summary>
    /// Scale the attributions by the least-squares factor β = E[aI·Δf] / E[(aI)²] before the squared error (Captum:
    /// <c>normalize</c>, default false).
    /// </summary>
    public bool Normalize { get; set; }

    /// <summary>Perturbed inputs per model call; 0 (default) = as many as fit in the memory budget.</summary>
    [Range(0, 1_000_000)]
    public int PerturbationsPerEval { get; set; }
}
