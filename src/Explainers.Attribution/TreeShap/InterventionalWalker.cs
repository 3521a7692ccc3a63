namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Interventional TreeSHAP of one (row, background row) pair through one tree: a leaf is reached by the coalitions that
/// contain every player whose row value chose the path (set A) and none whose background value did (set B), so it
/// adds v·|A|−1)!|B|!/(|A|+|B|)! to each player of A and takes v·|A|!(|B|−1)!/(|A|+|B|)! from each player of B.
/// Players on which row and background agree never split the walk.
/// </summary>
internal sealed class InterventionalWalker
{
    private const byte Free = 0, FromRow = 1, FromBackground = 2;
    private readonly byte[] _state;
    private readonly int[] _assigned;
    private readonly bool[] _rowLeft;
    private readonly bool[] _backgroundLeft;
    private readonly double[,] _weight;
    private ShapTree _tree = null!;
    private double[] _phi = [];
    private int _offset;
    private double _scale;
    private int _depth;

    public InterventionalWalker(int players, int maxDepth, int maxNodes)
    {
        _state = new byte[players];
        _assigned = new int[maxDepth + 1];
        _rowLeft = new bool[Math.Max(1, maxNodes)];
        _backgroundLeft = new bool[Math.Max(1, maxNodes)];
        _weight = new double[maxDepth + 2, maxDepth + 2];
        for (int a = 0; a <= maxDepth + 1; a++)
        {
            for (int b = 0; a + b <= maxDepth + 1; b++) _weight[a, b] = Math.Exp(LogFactorial(a) + LogFactorial(b) - LogFactorial(a + b + 1));
        }
    }

    /// <summary>Routes the row through the tree (kept for every background row).</summary>
    public void RouteRow(ShapTree tree, ReadOnlySpan<double> row)
    {
        _tree = tree;
        tree.Route(row, _rowLeft);
    }

    /// <summary>Adds <paramref name="scale"/> × the pair's SHAP values to <paramref name="phi"/>[offset + player].</summary>
    public void Accumulate(ReadOnlySpan<double> background, double[] phi, int offset, double scale)
    {
        if (_tree.NodeCount == 0) return;
        _tree.Route(background, _backgroundLeft);
        _phi = phi;
        _offset = offset;
        _scale = scale;
        _depth = 0;
        Recurse(0, 0, 0);
    }

    private void Recurse(int node, int fromRow, int fromBackground)
    {
        if (node < 0)
        {
            double v = _tree.Leaf[~node] * _scale;
            if (v == 0) return;
            for (int i = 0; i < _depth; i++)
            {
                int player = _assigned[i];
                _phi[_offset + player] += _state[player] == FromRow ? v * _weight[fromRow - 1, fromBackground] : -v * _weight[fromRow, fromBackground - 1];
            }

            return;
        }

        var tree = _tree.Tree;
        int player2 = _tree.Player[node];
        bool rowLeft = _rowLeft[node], backgroundLeft = _backgroundLeft[node];
        byte state = _state[player2];
        if (state == FromRow || (state == Free && rowLeft == backgroundLeft))
        {
            Recurse(rowLeft ? tree.LeftChild[node] : tree.RightChild[node], fromRow, fromBackground);
            return;
        }

        if (state == FromBackground)
        {
            Recurse(backgroundLeft ? tree.LeftChild[node] : tree.RightChild[node], fromRow, fromBackground);
            return;
        }

        _assigned[_depth++] = player2;
        _state[player2] = FromRow;
        Recurse(rowLeft ? tree.LeftChild[node] : tree.RightChild[node], fromRow + 1, fromBackground);
        _state[player2] = FromBackground;
        Recurse(backgroundLeft ? tree.LeftChild[node] : tree.RightChild[node], fromRow, fromBackground + 1);
        _state[player2] = Free;
        _depth--;
    }

    private static double LogFactorial(int n)
    {
        double s = 0;
        for (int i = 2; i <= n; i++) s += Math.Log(i);
        return s;
    }
}
