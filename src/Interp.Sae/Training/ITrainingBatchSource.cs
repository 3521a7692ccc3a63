namespace Interp.Sae.Training;

/// <summary>
/// Where training batches come from (an activation store reader, synthetic data, an in-memory set). Deterministic
/// given its seed, and its whole position — cursor, shuffle buffer, random state — can be saved into a checkpoint
/// and restored, so a resumed run reads exactly the batches an uninterrupted run would have read.
/// </summary>
public interface ITrainingBatchSource
{
    /// <summary>Width of each activation (d_in).</summary>
    int DModel { get; }

    /// <summary>Identifies the data (a resumed run must read the same data).</summary>
    string Fingerprint { get; }

    /// <summary>The next <paramref name="rows"/> activations, row-major <c>[rows, d_model]</c>; wraps around at the end of the data.</summary>
    /// <param name="rows">Rows wanted.</param>
    float[] NextBatch(int rows);

    /// <summary>The source's position, for a checkpoint.</summary>
    BatchSourceState SaveState();

    /// <summary>Restores a position saved by <see cref="SaveState"/>.</summary>
    /// <param name="state">The saved state.</param>
    /// <exception cref="Interp.Explainers.InterpException">The state belongs to another kind of source or other data.</exception>
    void RestoreState(BatchSourceState state);
}
