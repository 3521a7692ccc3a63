namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Options of <see cref="QualityMetrics"/>: those of each metric.</summary>
public sealed class QualityMetricsOptions
{
    /// <summary>Options of <see cref="Metrics.Infidelity"/>.</summary>
    public InfidelityOptions Infidelity { get; set; } = new();

    /// <summary>Options of <see cref="Metrics.SensitivityMax"/>.</summary>
    public SensitivityMaxOptions SensitivityMax { get; set; } = new();

    /// <summary>Options of <see cref="Metrics.DeletionInsertion"/>.</summary>
    public DeletionInsertionOptions DeletionInsertion { get; set; } = new();
}
