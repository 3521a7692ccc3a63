using Interp.Explainers.Models;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Exact path-dependent TreeSHAP for a tree ensemble: SHAP values in raw-score (margin) space, one set per output, with
/// the expected value (cover-weighted) as base value, and SHAP interaction values. Rows are spread over threads. SHAP
/// values use Fast TreeSHAP v2 tables (Yang 2021, <see cref="FastShapTree"/>) for trees where enough rows repay them.
/// </summary>
public sealed class TreeShapCalculator
{
    private readonly ShapTree[] _trees;
    private readonly int _maxDepth;
    private readonly int _maxNodes;
    private readonly FastShapTables _fast;

    /// <summary>Prepares an ensemble.</summary>
    /// <param name="ensemble">Trees with covers (<see cref="DecisionTree.InternalCover"/>, <see cref="DecisionTree.LeafCover"/>).</param>
    /// <param name="players">The players; default <see cref="TreeShapPlayers.For"/>.</param>
    /// <exception cref="InterpException">A tree has no covers.</exception>
    public TreeShapCalculator(TreeEnsemble ensemble, TreeShapPlayers? players = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        Ensemble = ensemble;
        Players = players ?? TreeShapPlayers.For(ensemble);
        _trees = ensemble.Trees.Select(t => new ShapTree(t, Players)).ToArray();
        _maxDepth = _trees.Length == 0 ? 0 : _trees.Max(t => t.Depth);
        _maxNodes = _trees.Length == 0 ? 0 : _trees.Max(t => t.NodeCount);
        var expected = ensemble.Bias.ToArray();
        foreach (var t in _trees) expected[t.Output] += t.ExpectedValue;
        ExpectedValues = expected;
        _fast = new FastShapTables(_trees);
    }

    /// <summary>The ensemble.</summary>
    public TreeEnsemble Ensemble { get; }

    /// <summary>The players values are reported for.</summary>
    public TreeShapPlayers Players { get; }

    /// <summary>Base value per output: the expected raw score under the covers.</summary>
    public IReadOnlyList<double> ExpectedValues { get; }

    /// <summary>Trees explained through Fast TreeSHAP tables so far (the rest use the classic algorithm).</summary>
    internal int FastTreeCount => _fast.Built;

    /// <summary>SHAP values of row-major rows: rows × outputs × players, raw-score space.</summary>
    /// <param name="rows">rows × features values (NaN missing).</param>
    /// <param name="threads">Threads to spread rows over (1: the calling thread only).</param>
    /// <param name="cancellationToken">Checked between rows.</param>
    public double[] ShapValues(ReadOnlySpan<double> rows, int threads = 1, CancellationToken cancellationToken = default)
    {
        int n = RowCount(rows);
        int k = Ensemble.OutputCount, p = Players.Count;
        var phi = new double[n * k * p];
        var data = rows.ToArray();
        var fast = _fast.For(n);
        RowParallel.For(n, threads, () => (Walker: new PathDependentWalker(_maxDepth, _maxNodes), Left: new bool[Math.Max(1, _maxNodes)]), (s, r) =>
        {
            var row = data.AsSpan(r * Ensemble.FeatureCount, Ensemble.FeatureCount);
            for (int t = 0; t < _trees.Length; t++)
            {
                var tree = _trees[t];
                int offset = ((r * k) + tree.Output) * p;
                if (fast[t] is { } table)
                {
                    tree.Route(row, s.Left);
                    table.Accumulate(s.Left, phi, offset);
                }
                else
                {
                    s.Walker.Route(tree, row);
                    s.Walker.Accumulate(phi, offset);
                }
            }
        }, cancellationToken);
        return phi;
    }

    /// <summary>SHAP interaction values of row-major rows: rows × outputs × players × players (symmetric; rows sum to the SHAP values).</summary>
    /// <param name="rows">rows × features values (NaN missing).</param>
    /// <param name="threads">Threads to spread rows over.</param>
    /// <param name="cancellationToken">Checked between rows.</param>
    public double[] InteractionValues(ReadOnlySpan<double> rows, int threads = 1, CancellationToken cancellationToken = default)
    {
        int n = RowCount(rows);
        int k = Ensemble.OutputCount, p = Players.Count;
        var result = new double[n * k * p * p];
        var data = rows.ToArray();
        RowParallel.For(n, threads, () => (Walker: new PathDependentWalker(_maxDepth, _maxNodes), On: new double[p], Off: new double[p], Phi: new double[p]), (s, r) =>
        {
            var row = data.AsSpan(r * Ensemble.FeatureCount, Ensemble.FeatureCount);
            for (int output = 0; output < k; output++)
            {
                int block = ((r * k) + output) * p * p;
                Array.Clear(s.Phi);
                foreach (var tree in _trees)
                {
                    if (tree.Output != output) continue;
                    s.Walker.Route(tree, row);
                    s.Walker.Accumulate(s.Phi, 0);
                    foreach (int j in tree.UniquePlayers)
                    {
                        Array.Clear(s.On);
                        Array.Clear(s.Off);
                        s.Walker.Accumulate(s.On, 0, j, conditionOn: true);
                        s.Walker.Accumulate(s.Off, 0, j, conditionOn: false);
                        for (int i = 0; i < p; i++)
                        {
                            if (i != j) result[block + (i * p) + j] += (s.On[i] - s.Off[i]) / 2;
                        }
                    }
                }

                for (int i = 0; i < p; i++)
                {
                    double offDiagonal = 0;
                    for (int j = 0; j < p; j++) if (j != i) offDiagonal += result[block + (i * p) + j];
                    result[block + (i * p) + i] = s.Phi[i] - offDiagonal;
                }
            }
        }, cancellationToken);
        return result;
    }

    private int RowCount(ReadOnlySpan<double> rows)
    {
        int f = Ensemble.FeatureCount;
        if (f == 0 || rows.Length % f != 0) throw new InterpException($"{rows.Length} values are not whole rows of the model's {f} features.");
        return rows.Length / f;
    }
}
