namespace Interp.Sae.Store;

/// <summary>
/// Activations of one hook point for a set of tokens: per row the token id, its position in its sequence, the
/// sequence's index in the corpus, and the activation vector (row-major <c>[Count, DModel]</c>).
/// </summary>
/// <param name="TokenIds">Token id per row.</param>
/// <param name="Positions">Position in the sequence per row.</param>
/// <param name="SequenceIds">Index of the sequence (document/context) per row.</param>
/// <param name="Activations">Row-major activations <c>[Count, DModel]</c>.</param>
/// <param name="DModel">Width of each activation.</param>
public sealed record ActivationBatch(int[] TokenIds, int[] Positions, int[] SequenceIds, float[] Activations, int DModel)
{
    /// <summary>Rows.</summary>
    public int Count => TokenIds.Length;

    /// <summary>Checks that the arrays agree.</summary>
    /// <exception cref="ArgumentException">Lengths disagree.</exception>
    public void Validate()
    {
        if (DModel <= 0) throw new ArgumentException($"ActivationBatch.DModel must be positive, got {DModel}.");
        if (Positions.Length != Count || SequenceIds.Length != Count || Activations.Length != (long)Count * DModel)
        {
            throw new ArgumentException($"ActivationBatch arrays disagree: {Count} token ids, {Positions.Length} positions, {SequenceIds.Length} sequence ids, {Activations.Length} activation values for d_model {DModel}.");
        }
    }

    /// <summary>Rows <paramref name="start"/>.. of this batch.</summary>
    /// <param name="start">First row kept.</param>
    public ActivationBatch Skip(int start) => new(TokenIds[start..], Positions[start..], SequenceIds[start..], Activations[(start * DModel)..], DModel);
}
