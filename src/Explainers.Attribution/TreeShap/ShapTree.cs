using Interp.Explainers.Models;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// One tree prepared for TreeSHAP: the player of each internal node, covers, weighted leaf values, the expected value
/// (cover-weighted mean leaf) and the depth that sizes the path arena.
/// </summary>
internal sealed class ShapTree
{
    public ShapTree(DecisionTree tree, TreeShapPlayers players, bool requireCovers = true)
    {
        Tree = tree;
        int nodes = tree.NodeCount;
        if (requireCovers && nodes > 0 && (tree.InternalCover is null || tree.LeafCover is null))
        {
            throw new InterpException("Path-dependent TreeSHAP needs node covers (rows through each node): the model has none; recompute them from data (TreeCovers.Compute) or use the interventional mode with a background set.");
        }

        Player = new int[nodes];
        for (int n = 0; n < nodes; n++) Player[n] = players.PlayerOfNode(tree, n);
        Leaf = Array.ConvertAll(tree.LeafValue, v => v * tree.Weight);
        InternalCover = tree.InternalCover ?? new double[nodes];
        LeafCover = tree.LeafCover ?? new double[tree.LeafCount];
        Depth = nodes == 0 ? 0 : DepthOf(tree, 0);
        if (nodes == 0)
        {
            ExpectedValue = Leaf[0];
        }
        else
        {
            double total = InternalCover[0], sum = 0;
            for (int l = 0; l < Leaf.Length; l++) sum += LeafCover[l] * Leaf[l];
            ExpectedValue = total > 0 ? sum / total : 0;
        }

        UniquePlayers = Player.Distinct().Order().ToArray();
    }

    public DecisionTree Tree { get; }

    public int Output => Tree.OutputIndex;

    /// <summary>Player per internal node.</summary>
    public int[] Player { get; }

    /// <summary>Leaf values times the tree's weight.</summary>
    public double[] Leaf { get; }

    public double[] InternalCover { get; }

    public double[] LeafCover { get; }

    /// <summary>Longest root-to-leaf path in internal nodes.</summary>
    public int Depth { get; }

    /// <summary>Cover-weighted mean of the weighted leaves: the tree's share of the base value.</summary>
    public double ExpectedValue { get; }

    /// <summary>The players this tree splits on, ascending.</summary>
    public int[] UniquePlayers { get; }

    public int NodeCount => Player.Length;

    /// <summary>Cover of a child reference (internal node, or ~leaf).</summary>
    public double CoverOf(int child) => child >= 0 ? InternalCover[child] : LeafCover[~child];

    /// <summary>Fills <paramref name="left"/> with whether each internal node sends the row left.</summary>
    public void Route(ReadOnlySpan<double> row, Span<bool> left)
    {
        for (int n = 0; n < NodeCount; n++) left[n] = Tree.GoesLeft(n, row);
    }

    private static int DepthOf(DecisionTree tree, int node)
    {
        int depth = 0;
        var stack = new Stack<(int Node, int Depth)>();
        stack.Push((node, 1));
        while (stack.Count > 0)
        {
            var (n, d) = stack.Pop();
            depth = Math.Max(depth, d);
            if (tree.LeftChild[n] >= 0) stack.Push((tree.LeftChild[n], d + 1));
            if (tree.RightChild[n] >= 0) stack.Push((tree.RightChild[n], d + 1));
        }

        return depth;
    }
}
