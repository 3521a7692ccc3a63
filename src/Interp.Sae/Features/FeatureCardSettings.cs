namespace Interp.Sae.Features;

/// <summary>What a feature card holds and how it is computed (<see cref="FeatureCardBuilder"/>).</summary>
public sealed record FeatureCardSettings
{
    /// <summary>Top-activating contexts per card (one per corpus sequence, strongest first).</summary>
    public int TopContexts { get; init; } = 10;

    /// <summary>Tokens shown before the strongest token of a context.</summary>
    public int ContextBefore { get; init; } = 10;

    /// <summary>Tokens shown after it.</summary>
    public int ContextAfter { get; init; } = 4;

    /// <summary>Bins of the activation histogram (over activations &gt; 0).</summary>
    public int HistogramBins { get; init; } = 20;

    /// <summary>Boosted and suppressed output tokens listed.</summary>
    public int TopLogits { get; init; } = 10;

    /// <summary>Scale the residual direction by the final norm's weight before W_U (the norm's own scale is left out).</summary>
    public bool UseFinalNorm { get; init; } = true;

    /// <summary>Steering: multiples of (the feature's largest corpus activation × its direction) added at the hook; empty = no steering.</summary>
    public IReadOnlyList<double> SteeringMultipliers { get; init; } = [0, 2];

    /// <summary>Tokens generated per steered run.</summary>
    public int SteeringSteps { get; init; } = 20;

    /// <summary>Sampling temperature of steered runs (0 = greedy).</summary>
    public float SteeringTemperature { get; init; }

    /// <summary>Sampling seed of steered runs.</summary>
    public ulong SteeringSeed { get; init; } = 42;
}
