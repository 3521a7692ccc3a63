namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Path-dependent TreeSHAP of one row through one tree (Lundberg et al. 2018, Algorithm 2), optionally with one player
/// conditioned on (always following the row) or off (always averaged over covers) — the two halves of an interaction
/// value. One walker per thread: it owns the path arena and the routing buffer.
/// </summary>
internal sealed class PathDependentWalker
{
    private readonly ShapPath _path;
    private readonly bool[] _left;
    private ShapTree _tree = null!;
    private double[] _phi = [];
    private int _offset;
    private int _conditionPlayer = -1;
    private bool _conditionOn;

    public PathDependentWalker(int maxDepth, int maxNodes)
    {
        _path = new ShapPath(maxDepth + 1);
        _left = new bool[Math.Max(1, maxNodes)];
    }

    /// <summary>Routes the row through the tree; later <see cref="Accumulate"/> calls reuse the routing.</summary>
    public void Route(ShapTree tree, ReadOnlySpan<double> row)
    {
        _tree = tree;
        tree.Route(row, _left);
    }

    /// <summary>Adds the routed tree's SHAP values to <paramref name="phi"/>[<paramref name="offset"/> + player].</summary>
    /// <param name="phi">Receives the values.</param>
    /// <param name="offset">Where this row's and output's players start.</param>
    /// <param name="conditionPlayer">A player to condition on, or -1.</param>
    /// <param name="conditionOn">With a condition: the player follows the row (true) or is averaged out (false).</param>
    public void Accumulate(double[] phi, int offset, int conditionPlayer = -1, bool conditionOn = false)
    {
        if (_tree.NodeCount == 0) return;
        _phi = phi;
        _offset = offset;
        _conditionPlayer = conditionPlayer;
        _conditionOn = conditionOn;
        Recurse(0, 0, 0, 0, 1.0, 1.0, -1, 1.0, extend: true);
    }

    private void Recurse(int node, int start, int parentStart, int parentLength, double zero, double one, int player, double condition, bool extend)
    {
        var path = _path;
        path.Copy(parentStart, start, parentLength);
        int length = parentLength;
        if (extend)
        {
            path.Extend(start, length, zero, one, player);
            length++;
        }

        if (node < 0)
        {
            double v = _tree.Leaf[~node] * condition;
            for (int i = 1; i < length; i++)
            {
                double w = path.UnwoundSum(start, length, i);
                _phi[_offset + path.Player[start + i]] += w * (path.One[start + i] - path.Zero[start + i]) * v;
            }

            return;
        }

        var tree = _tree;
        bool left = _left[node];
        int hot = left ? tree.Tree.LeftChild[node] : tree.Tree.RightChild[node];
        int cold = left ? tree.Tree.RightChild[node] : tree.Tree.LeftChild[node];
        double cover = tree.InternalCover[node];
        double hotFraction = cover > 0 ? tree.CoverOf(hot) / cover : 0;
        double coldFraction = cover > 0 ? tree.CoverOf(cold) / cover : 0;
        int nodePlayer = tree.Player[node];
        int next = start + length;
        if (nodePlayer == _conditionPlayer)
        {
            // The conditioned player never enters the path: followed (on) or averaged over covers (off).
            if (_conditionOn)
            {
                Recurse(hot, next, start, length, 0, 0, nodePlayer, condition, extend: false);
            }
            else
            {
                if (hotFraction > 0) Recurse(hot, next, start, length, 0, 0, nodePlayer, condition * hotFraction, extend: false);
                if (coldFraction > 0) Recurse(cold, next, start, length, 0, 0, nodePlayer, condition * coldFraction, extend: false);
            }

            return;
        }

        double incomingZero = 1, incomingOne = 1;
        for (int k = 1; k < length; k++)
        {
            if (path.Player[start + k] != nodePlayer) continue;
            incomingZero = path.Zero[start + k];
            incomingOne = path.One[start + k];
            path.Unwind(start, length, k);
            length--;
            next--;
            break;
        }

        if (incomingZero * hotFraction > 0 || incomingOne != 0) Recurse(hot, next, start, length, incomingZero * hotFraction, incomingOne, nodePlayer, condition, extend: true);
        if (incomingZero * coldFraction > 0) Recurse(cold, next, start, length, incomingZero * coldFraction, 0, nodePlayer, condition, extend: true);
    }
}
