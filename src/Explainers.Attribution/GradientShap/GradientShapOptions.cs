using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.GradientShap;

/// <summary>Options of <see cref="GradientShap"/> (section <c>Interp:Explainers:GradientShap</c>).</summary>
public sealed class GradientShapOptions : PerturbationOptions
{
    /// <summary>Random points per example (Captum: <c>n_samples</c>), default 5.</summary>
    [Range(1, 100_000)]
    public int Samples { get; set; } = 5;

    /// <summary>Standard deviation of the Gaussian noise added to the input (Captum: <c>stdevs</c>), default 0.</summary>
    [Range(0.0, 1e6)]
    public double Stdev { get; set; }

    /// <summary>Multiply by (noisy input − baseline) (Captum: <c>multiply_by_inputs</c>), default true.</summary>
    public bool MultiplyByInputs { get; set; } = true;

    /// <summary>Seed of the draws; null uses the request's seed (then 0).</summary>
    public int? Seed { get; set; }
}
