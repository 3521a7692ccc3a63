using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>
/// The baselines each example is compared with: one (a scalar, a [1, ...] tensor broadcast, or row n of an
/// [N, ...] tensor) or a distribution (a [B, ...] tensor with B ≠ 1, N: every example against every row, results
/// averaged over the rows, as in expected gradients / DeepLiftShap).
/// </summary>
internal sealed class BaselineSet
{
    private readonly AttributionSetup _setup;

    public BaselineSet(AttributionSetup setup, bool forceDistribution = false)
    {
        _setup = setup;
        var b = setup.Request.Baselines;
        IsDistribution = b is not null && (forceDistribution || (b.Shape[0] != 1 && b.Shape[0] != setup.Examples));
        PerExample = IsDistribution ? b!.Shape[0] : 1;
    }

    /// <summary>True when every example is paired with every baseline row.</summary>
    public bool IsDistribution { get; }

    /// <summary>Baselines per example.</summary>
    public int PerExample { get; }

    /// <summary>Baseline <paramref name="j"/> of example <paramref name="example"/>.</summary>
    public ReadOnlySpan<float> Get(int example, int j) => IsDistribution ? _setup.Request.Baselines!.Row(j) : _setup.Baseline(example);
}
