namespace Interp.Explainers.Hosting;

/// <summary>
/// Turns the memory budget (<c>Interp:MaxBatchBytes</c>) into batch sizes, so explainers never hard-code one.
/// </summary>
public interface IBatchPlanner
{
    /// <summary>The budget in bytes for one model call's inputs and outputs.</summary>
    long MaxBatchBytes { get; }

    /// <summary>How many rows of <paramref name="bytesPerRow"/> bytes fit in one call (at least 1).</summary>
    /// <param name="bytesPerRow">Bytes of input plus output per row.</param>
    int RowsPerBatch(long bytesPerRow);
}
