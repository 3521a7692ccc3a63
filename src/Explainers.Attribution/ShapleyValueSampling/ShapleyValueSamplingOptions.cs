using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.ShapleyValueSampling;

/// <summary>Options of <see cref="ShapleyValueSampling"/> (section <c>Interp:Explainers:ShapleyValueSampling</c>).</summary>
public sealed class ShapleyValueSamplingOptions : Shapley.SampledShapleyOptions
{
    /// <summary>
    /// Random permutations of the players per example (Captum: <c>n_samples</c>, default 25). Each costs G − 1 model
    /// rows per background row.
    /// </summary>
    [Range(1, 1_000_000)]
    public int Samples { get; set; } = 25;
}
