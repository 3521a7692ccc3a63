using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Sae.LinearProbe;

/// <summary>Options of <see cref="LinearProbe"/> (configuration section <c>Interp:Explainers:LinearProbe</c>).</summary>
public sealed class LinearProbeOptions : ExplainerOptions
{
    /// <summary>Fraction of the examples held out for the accuracy.</summary>
    [Range(0.01, 0.99)]
    public double HeldOutFraction { get; set; } = 0.25;

    /// <summary>L2 penalty on the weights.</summary>
    [Range(0.0, 1e6)]
    public double L2 { get; set; } = 1e-3;

    /// <summary>Full-batch Adam steps.</summary>
    [Range(1, 1_000_000)]
    public int Steps { get; set; } = 300;

    /// <summary>Adam learning rate.</summary>
    [Range(1e-9, 10.0)]
    public double LearningRate { get; set; } = 0.05;

    /// <summary>An SAE file whose decoder directions the probe is compared with; the request's <c>SaePath</c> wins.</summary>
    public string? SaePath { get; set; }

    /// <summary>Closest SAE decoder directions reported per probe row.</summary>
    [Range(1, 1000)]
    public int TopMatches { get; set; } = 5;
}
