namespace Interp.Explainers.Models;

/// <summary>
/// One tree in array form. Internal node i tests feature <see cref="SplitFeature"/>[i]: go left iff
/// x &lt;= <see cref="Threshold"/>[i] (or, for a categorical node, iff none of its categories is hot). Child indices
/// &gt;= 0 are internal nodes; a negative child c is leaf ~c.
/// </summary>
public sealed record DecisionTree
{
    /// <summary>Left child per internal node.</summary>
    public required int[] LeftChild { get; init; }

    /// <summary>Right child per internal node.</summary>
    public required int[] RightChild { get; init; }

    /// <summary>Feature index per internal node.</summary>
    public required int[] SplitFeature { get; init; }

    /// <summary>Threshold per internal node.</summary>
    public required double[] Threshold { get; init; }

    /// <summary>Whether a missing value goes left, per internal node.</summary>
    public bool[]? DefaultLeft { get; init; }

    /// <summary>For categorical nodes, the feature indices (one-hot slots) or category values that go right; null for numeric nodes.</summary>
    public int[]?[]? CategoricalSets { get; init; }

    /// <summary>Value per leaf.</summary>
    public required double[] LeafValue { get; init; }

    /// <summary>Number of training rows through each internal node (cover), if known.</summary>
    public double[]? InternalCover { get; init; }

    /// <summary>Number of training rows reaching each leaf, if known.</summary>
    public double[]? LeafCover { get; init; }

    /// <summary>The tree's weight in the ensemble.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>The output (class) this tree contributes to.</summary>
    public int OutputIndex { get; init; }
}
