namespace Interp.Sae.Probes;

/// <summary>How <see cref="LogisticProbe"/> trains: split, L2 penalty, full-batch Adam steps.</summary>
public sealed record ProbeSettings
{
    /// <summary>Fraction of the examples held out for the accuracy (seeded split).</summary>
    public double HeldOutFraction { get; init; } = 0.25;

    /// <summary>L2 penalty on the weights (not the bias), added to the mean cross-entropy.</summary>
    public double L2 { get; init; } = 1e-3;

    /// <summary>Full-batch Adam steps.</summary>
    public int Steps { get; init; } = 300;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Seed of the split.</summary>
    public ulong Seed { get; init; }
}
