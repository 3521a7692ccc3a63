namespace Interp.Explainers.Hosting;

/// <summary>The default <see cref="IBatchPlanner"/>: rows = budget / bytes per row, at least 1.</summary>
public sealed class BatchPlanner : IBatchPlanner
{
    /// <summary>The default budget: 64 MiB.</summary>
    public const long DefaultMaxBatchBytes = 64L << 20;

    /// <summary>Creates a planner.</summary>
    /// <param name="maxBatchBytes">The budget in bytes (positive).</param>
    public BatchPlanner(long maxBatchBytes = DefaultMaxBatchBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchBytes);
        MaxBatchBytes = maxBatchBytes;
    }

    /// <inheritdoc />
    public long MaxBatchBytes { get; }

    /// <inheritdoc />
    public int RowsPerBatch(long bytesPerRow)
    {
        if (bytesPerRow <= 0) return 1;
        return (int)Math.Clamp(MaxBatchBytes / bytesPerRow, 1, 1 << 20);
    }
}
