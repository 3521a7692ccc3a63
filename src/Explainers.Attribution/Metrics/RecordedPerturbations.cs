using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// Perturbations given in advance (e.g. the draws recorded by Captum): [N·K, ...] example-major, row n·K + k is
/// draw k of example n.
/// </summary>
public sealed class RecordedPerturbations : IPerturbationSource
{
    private readonly NdArray<float> _draws;
    private readonly int _perExample;

    /// <summary>Wraps recorded draws.</summary>
    /// <param name="draws">[N·K, ...], one row per draw.</param>
    /// <param name="perExample">K, the draws per example.</param>
    public RecordedPerturbations(NdArray<float> draws, int perExample)
    {
        ArgumentNullException.ThrowIfNull(draws);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perExample);
        _draws = draws;
        _perExample = perExample;
    }

    /// <inheritdoc />
    public void Fill(int example, int draw, ReadOnlySpan<float> input, Span<float> perturbation)
    {
        int row = (example * _perExample) + draw;
        if (row >= _draws.Shape[0] || _draws.RowLength != perturbation.Length)
        {
            throw new InterpException($"recorded perturbations: shape {NdArray<float>.Format(_draws.Shape)} has no row {row} of {perturbation.Length} values (example {example}, draw {draw}).");
        }

        _draws.Row(row).CopyTo(perturbation);
    }
}
