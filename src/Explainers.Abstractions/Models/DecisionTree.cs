namespace Interp.Explainers.Models;

/// <summary>
/// One tree in array form. Internal node i splits as <see cref="Kind"/>[i] says (numeric by default: go left iff
/// x[<see cref="SplitFeature"/>[i]] &lt;= <see cref="Threshold"/>[i]). Child indices &gt;= 0 are internal nodes; a
/// negative child c is leaf ~c. A tree with no internal node has one leaf. Inputs are one example's features as
/// doubles (float features convert exactly).
/// </summary>
public sealed record DecisionTree
{
    /// <summary>|x| at or below this is zero for <see cref="MissingValueType.Zero"/> (LightGBM's kZeroThreshold, 1e-35f).</summary>
    public const double ZeroThreshold = 1e-35f;

    /// <summary>Left child per internal node.</summary>
    public required int[] LeftChild { get; init; }

    /// <summary>Right child per internal node.</summary>
    public required int[] RightChild { get; init; }

    /// <summary>
    /// Feature index per internal node. For <see cref="SplitKind.OneHotSet"/> nodes, the first slot of the set (the
    /// decision reads every slot of the set).
    /// </summary>
    public required int[] SplitFeature { get; init; }

    /// <summary>Threshold per internal node (numeric nodes; unused by categorical ones).</summary>
    public required double[] Threshold { get; init; }

    /// <summary>Split kind per internal node; null: every node is <see cref="SplitKind.Numeric"/>.</summary>
    public SplitKind[]? Kind { get; init; }

    /// <summary>Which values a numeric node treats as missing; null: <see cref="MissingValueType.NaN"/> everywhere.</summary>
    public MissingValueType[]? MissingType { get; init; }

    /// <summary>Whether a missing value goes left, per internal node; null: missing values go right.</summary>
    public bool[]? DefaultLeft { get; init; }

    /// <summary>
    /// Per categorical node, the set it tests (null for numeric nodes): feature indices (one-hot slots) for
    /// <see cref="SplitKind.OneHotSet"/>, category codes for <see cref="SplitKind.CategorySet"/>; sorted ascending.
    /// </summary>
    public int[]?[]? CategoricalSets { get; init; }

    /// <summary>
    /// Per internal node, the source column a categorical node's set comes from, as an index into
    /// <see cref="TreeEnsemble.SourceColumns"/>; -1 for numeric nodes or when unknown; null: unknown everywhere.
    /// </summary>
    public int[]? CategoricalColumn { get; init; }

    /// <summary>Value per leaf.</summary>
    public required double[] LeafValue { get; init; }

    /// <summary>Number (or weight) of data rows through each internal node (cover), if known.</summary>
    public double[]? InternalCover { get; init; }

    /// <summary>Number (or weight) of data rows reaching each leaf, if known.</summary>
    public double[]? LeafCover { get; init; }

    /// <summary>The tree's weight in the ensemble (its leaf values are multiplied by it).</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>The output (class) this tree contributes to.</summary>
    public int OutputIndex { get; init; }

    /// <summary>Number of internal nodes.</summary>
    public int NodeCount => LeftChild.Length;

    /// <summary>Number of leaves.</summary>
    public int LeafCount => LeafValue.Length;

    /// <summary>The split kind of internal node <paramref name="node"/>.</summary>
    /// <param name="node">An internal node.</param>
    public SplitKind KindAt(int node) => Kind?[node] ?? SplitKind.Numeric;

    /// <summary>The missing-value type of internal node <paramref name="node"/>.</summary>
    /// <param name="node">An internal node.</param>
    public MissingValueType MissingTypeAt(int node) => MissingType?[node] ?? MissingValueType.NaN;

    /// <summary>Where internal node <paramref name="node"/> sends an example: its left or right child.</summary>
    /// <param name="node">An internal node.</param>
    /// <param name="row">The example's features.</param>
    public int NextNode(int node, ReadOnlySpan<double> row) => GoesLeft(node, row) ? LeftChild[node] : RightChild[node];

    /// <summary>Whether internal node <paramref name="node"/> sends the example left.</summary>
    /// <param name="node">An internal node.</param>
    /// <param name="row">The example's features.</param>
    public bool GoesLeft(int node, ReadOnlySpan<double> row)
    {
        switch (KindAt(node))
        {
            case SplitKind.OneHotSet:
                foreach (var slot in CategoricalSets![node]!)
                {
                    if (row[slot] > 0) return false;
                }

                return true;
            case SplitKind.CategorySet:
                double c = row[SplitFeature[node]];
                if (double.IsNaN(c) || c <= -1 || c >= int.MaxValue) return false;
                return Array.BinarySearch(CategoricalSets![node]!, (int)c) >= 0;   // truncated toward zero, as LightGBM does
            default:
                double x = row[SplitFeature[node]];
                var missing = MissingTypeAt(node);
                if (double.IsNaN(x) && missing != MissingValueType.NaN) x = 0;
                if ((missing == MissingValueType.Zero && Math.Abs(x) <= ZeroThreshold) || (missing == MissingValueType.NaN && double.IsNaN(x)))
                {
                    return DefaultLeft?[node] ?? false;
                }

                return x <= Threshold[node];
        }
    }

    /// <summary>The leaf an example reaches.</summary>
    /// <param name="row">The example's features.</param>
    public int GetLeaf(ReadOnlySpan<double> row)
    {
        if (NodeCount == 0) return 0;
        int node = 0;
        while (node >= 0) node = NextNode(node, row);
        return ~node;
    }

    /// <summary>The tree's unweighted output for an example (the value of the leaf it reaches).</summary>
    /// <param name="row">The example's features.</param>
    public double Predict(ReadOnlySpan<double> row) => LeafValue[GetLeaf(row)];
}
