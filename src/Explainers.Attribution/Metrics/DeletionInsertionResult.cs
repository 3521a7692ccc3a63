namespace Interp.Explainers.Attribution.Metrics;

/// <summary>The deletion and insertion curves of every example (attribution order, and a random order for comparison).</summary>
public sealed class DeletionInsertionResult
{
    /// <summary>Deletion curves, one per example: from f(x) (nothing removed) to f(baseline) (all removed).</summary>
    public required IReadOnlyList<AttributionCurve> Deletion { get; init; }

    /// <summary>Insertion curves, one per example: from f(baseline) to f(x).</summary>
    public required IReadOnlyList<AttributionCurve> Insertion { get; init; }

    /// <summary>Deletion curves for a random order of the units (empty unless requested).</summary>
    public IReadOnlyList<AttributionCurve> RandomDeletion { get; init; } = [];

    /// <summary>Insertion curves for a random order of the units (empty unless requested).</summary>
    public IReadOnlyList<AttributionCurve> RandomInsertion { get; init; } = [];

    /// <summary>The model calls made.</summary>
    public required ModelCallStats ModelCalls { get; init; }

    /// <summary>Deletion AUC per example (lower is better).</summary>
    public double[] DeletionAuc => Deletion.Select(c => c.Auc).ToArray();

    /// <summary>Insertion AUC per example (higher is better).</summary>
    public double[] InsertionAuc => Insertion.Select(c => c.Auc).ToArray();
}
