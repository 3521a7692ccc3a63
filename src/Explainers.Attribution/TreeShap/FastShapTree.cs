namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Fast TreeSHAP v2 (Yang 2021) for one tree. A leaf's share of a row's SHAP values depends on the row only through
/// which of the leaf path's distinct players the row "satisfies" (follows at every node of that player on the path):
/// with d distinct players there are 2^d such subsets S. For each leaf and each S the d values
/// v · (o_i − z_i) · Σ_{T ⊆ S∖{i}} |T|!(d−|T|−1)!/d! · Π_{k ∉ T ∪ {i}} z_k (z = cover fractions, o = 1 iff k ∈ S) are
/// computed once (EXTEND then UNWIND-sums, as in the classic algorithm); explaining a row is then a lookup per leaf:
/// O(leaves · depth) instead of O(leaves · depth²).
/// </summary>
internal sealed class FastShapTree
{
    private readonly int[] _leafPath;     // per leaf: start of its nodes in _pathNode/_pathLeft/_pathBit (leaves + 1)
    private readonly int[] _pathNode;
    private readonly bool[] _pathLeft;    // whether the path goes left at that node
    private readonly int[] _pathBit;      // the bit of the node's player within the leaf's subset mask
    private readonly int[] _leafPlayers;  // per leaf: start of its distinct players in _players (leaves + 1)
    private readonly int[] _players;
    private readonly int[] _leafTable;    // per leaf: start of its 2^d × d values in _table
    private readonly double[] _table;

    private FastShapTree(int[] leafPath, int[] pathNode, bool[] pathLeft, int[] pathBit, int[] leafPlayers, int[] players, int[] leafTable, double[] table)
    {
        _leafPath = leafPath;
        _pathNode = pathNode;
        _pathLeft = pathLeft;
        _pathBit = pathBit;
        _leafPlayers = leafPlayers;
        _players = players;
        _leafTable = leafTable;
        _table = table;
    }

    /// <summary>Number of precomputed values.</summary>
    public int TableSize => _table.Length;

    /// <summary>
    /// What tables for <paramref name="tree"/> would cost: their size (Σ over leaves of 2^d · d values; -1 past 2^30),
    /// the work to fill them (Σ 2^d · d²) and the classic algorithm's work per row (Σ d²), d = a leaf's distinct players.
    /// </summary>
    public static (long Size, double Precompute, double PerRow) Estimate(ShapTree tree)
    {
        long size = 0;
        double precompute = 0, perRow = 0;
        if (tree.NodeCount == 0) return (0, 0, 0);
        foreach (var leaf in Paths(tree))
        {
            int d = DistinctPlayers(tree, leaf.Nodes).Count;
            if (d > 24 || size > 1 << 30) return (-1, double.PositiveInfinity, 0);
            size += (1L << d) * d;
            precompute += (double)(1L << d) * d * d;
            perRow += (double)d * d;
        }

        return (size > 1 << 30 ? -1 : size, precompute, perRow);
    }

    /// <summary>Precomputes the tables of a tree with at least one split.</summary>
    public static FastShapTree Create(ShapTree tree)
    {
        var paths = Paths(tree).OrderBy(p => p.Leaf).ToList();
        var leafPath = new List<int> { 0 };
        var pathNode = new List<int>();
        var pathLeft = new List<bool>();
        var pathBit = new List<int>();
        var leafPlayers = new List<int> { 0 };
        var players = new List<int>();
        var leafTable = new List<int> { 0 };
        var table = new List<double>();
        int maxD = paths.Max(p => DistinctPlayers(tree, p.Nodes).Count);
        var arena = new ShapPath(maxD + 1);
        foreach (var (leaf, nodes) in paths)
        {
            var distinct = DistinctPlayers(tree, nodes);
            int d = distinct.Count;
            var zero = new double[d];
            Array.Fill(zero, 1.0);
            foreach (var (node, left) in nodes)
            {
                int k = distinct.IndexOf(tree.Player[node]);
                double cover = tree.InternalCover[node];
                int child = left ? tree.Tree.LeftChild[node] : tree.Tree.RightChild[node];
                zero[k] *= cover > 0 ? tree.CoverOf(child) / cover : 0;
                pathNode.Add(node);
                pathLeft.Add(left);
                pathBit.Add(1 << k);
            }

            leafPath.Add(pathNode.Count);
            players.AddRange(distinct);
            leafPlayers.Add(players.Count);
            AddTable(arena, tree.Leaf[leaf], zero, table);
            leafTable.Add(table.Count);
        }

        return new FastShapTree([.. leafPath], [.. pathNode], [.. pathLeft], [.. pathBit], [.. leafPlayers], [.. players], [.. leafTable], [.. table]);
    }

    /// <summary>Adds the tree's SHAP values for a routed row to <paramref name="phi"/>[<paramref name="offset"/> + player].</summary>
    /// <param name="left">Per internal node, whether the row goes left.</param>
    /// <param name="phi">Receives the values.</param>
    /// <param name="offset">Where this row's and output's players start.</param>
    public void Accumulate(bool[] left, double[] phi, int offset)
    {
        var pathNode = _pathNode;
        var pathLeft = _pathLeft;
        var pathBit = _pathBit;
        var players = _players;
        var table = _table;
        int leaves = _leafPath.Length - 1;
        for (int l = 0; l < leaves; l++)
        {
            int firstPlayer = _leafPlayers[l];
            int d = _leafPlayers[l + 1] - firstPlayer;
            int mask = (1 << d) - 1;
            for (int p = _leafPath[l], end = _leafPath[l + 1]; p < end; p++)
            {
                if (left[pathNode[p]] != pathLeft[p]) mask &= ~pathBit[p];
            }

            int t = _leafTable[l] + (mask * d);
            for (int i = 0; i < d; i++) phi[offset + players[firstPlayer + i]] += table[t + i];
        }
    }

    /// <summary>For every subset mask of the leaf's distinct players, the value each of them receives.</summary>
    private static void AddTable(ShapPath arena, double value, double[] zero, List<double> table)
    {
        int d = zero.Length;
        for (int mask = 0; mask < 1 << d; mask++)
        {
            bool dead = false;
            arena.Extend(0, 0, 1, 1, -1);
            for (int k = 0; k < d; k++)
            {
                double one = (mask >> k) & 1;
                dead |= one == 0 && zero[k] == 0;   // a branch neither the row nor the covers reach: the leaf adds nothing
                arena.Extend(0, k + 1, zero[k], one, k);
            }

            for (int k = 0; k < d; k++)
            {
                double one = (mask >> k) & 1;
                table.Add(dead ? 0 : arena.UnwoundSum(0, d + 1, k + 1) * (one - zero[k]) * value);
            }
        }
    }

    private static List<int> DistinctPlayers(ShapTree tree, List<(int Node, bool Left)> nodes)
    {
        var distinct = new List<int>();
        foreach (var (node, _) in nodes)
        {
            if (!distinct.Contains(tree.Player[node])) distinct.Add(tree.Player[node]);
        }

        return distinct;
    }

    /// <summary>Every leaf with its root-to-leaf path (node, goes left).</summary>
    private static IEnumerable<(int Leaf, List<(int Node, bool Left)> Nodes)> Paths(ShapTree tree)
    {
        var stack = new Stack<(int Child, List<(int Node, bool Left)> Path)>();
        stack.Push((0, []));
        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            if (node < 0)
            {
                yield return (~node, path);
                continue;
            }

            stack.Push((tree.Tree.RightChild[node], [.. path, (node, false)]));
            stack.Push((tree.Tree.LeftChild[node], [.. path, (node, true)]));
        }
    }
}
