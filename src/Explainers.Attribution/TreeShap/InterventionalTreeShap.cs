using Interp.Explainers.Models;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Interventional TreeSHAP: exact SHAP values of the ensemble against a background set (absent players take the
/// background row's values; averaged over background rows). Raw-score values per output in polynomial time; for binary
/// models with a logistic link also probability-space values (exact: the coalitions of the players on which row and
/// background disagree are enumerated, so at most <see cref="MaxProbabilityPlayers"/> such players per pair).
/// </summary>
public sealed class InterventionalTreeShap
{
    /// <summary>The most disagreeing players per (row, background row) pair in probability space (2^n coalitions).</summary>
    public const int MaxProbabilityPlayers = 20;

    private readonly ShapTree[] _trees;
    private readonly double[] _background;
    private readonly int _rows;
    private readonly int _maxDepth;
    private readonly int _maxNodes;

    /// <summary>Prepares an ensemble and a background set.</summary>
    /// <param name="ensemble">The ensemble (covers not needed).</param>
    /// <param name="background">Background rows, row-major rows × features.</param>
    /// <param name="players">The players; default <see cref="TreeShapPlayers.For"/>.</param>
    /// <exception cref="InterpException">The background set is empty or not whole rows of the model's features.</exception>
    public InterventionalTreeShap(TreeEnsemble ensemble, ReadOnlySpan<double> background, TreeShapPlayers? players = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int f = ensemble.FeatureCount;
        if (background.IsEmpty) throw new InterpException("The background set is empty; interventional SHAP needs at least one background row.");
        if (background.Length % f != 0) throw new InterpException($"The background set has {background.Length} values, not whole rows of the model's {f} features.");
        Ensemble = ensemble;
        Players = players ?? TreeShapPlayers.For(ensemble);
        _trees = ensemble.Trees.Select(t => new ShapTree(t, Players, requireCovers: false)).ToArray();
        _maxDepth = _trees.Length == 0 ? 0 : _trees.Max(t => t.Depth);
        _maxNodes = _trees.Length == 0 ? 0 : _trees.Max(t => t.NodeCount);
        _background = background.ToArray();
        _rows = background.Length / f;
        var expected = new double[ensemble.OutputCount];
        var raw = new double[ensemble.OutputCount];
        for (int r = 0; r < _rows; r++)
        {
            ensemble.PredictRaw(_background.AsSpan(r * f, f), raw);
            for (int k = 0; k < raw.Length; k++) expected[k] += raw[k] / _rows;
        }

        ExpectedValues = expected;
    }

    /// <summary>The ensemble.</summary>
    public TreeEnsemble Ensemble { get; }

    /// <summary>The players.</summary>
    public TreeShapPlayers Players { get; }

    /// <summary>Base value per output in raw space: the mean raw score of the background rows.</summary>
    public IReadOnlyList<double> ExpectedValues { get; }

    /// <summary>Raw-space SHAP values of row-major rows: rows × outputs × players.</summary>
    /// <param name="rows">rows × features values.</param>
    /// <param name="threads">Threads to spread rows over.</param>
    /// <param name="cancellationToken">Checked between rows.</param>
    public double[] ShapValues(ReadOnlySpan<double> rows, int threads = 1, CancellationToken cancellationToken = default)
    {
        int f = Ensemble.FeatureCount, k = Ensemble.OutputCount, p = Players.Count;
        int n = CheckRows(rows);
        var phi = new double[n * k * p];
        var data = rows.ToArray();
        double scale = 1.0 / _rows;
        RowParallel.For(n, threads, () => new InterventionalWalker(p, _maxDepth, _maxNodes), (walker, r) =>
        {
            var row = data.AsSpan(r * f, f);
            foreach (var tree in _trees)
            {
                walker.RouteRow(tree, row);
                for (int b = 0; b < _rows; b++) walker.Accumulate(_background.AsSpan(b * f, f), phi, ((r * k) + tree.Output) * p, scale);
            }
        }, cancellationToken);
        return phi;
    }

    /// <summary>Probability-space SHAP values of a binary model with a logistic link: rows × players; base = mean background probability.</summary>
    /// <param name="rows">rows × features values.</param>
    /// <param name="baseValue">The mean predicted probability of the background rows.</param>
    /// <param name="threads">Threads to spread rows over.</param>
    /// <param name="cancellationToken">Checked between rows.</param>
    /// <exception cref="InterpException">The model is not a single-output model with a logistic link.</exception>
    public double[] ProbabilityValues(ReadOnlySpan<double> rows, out double baseValue, int threads = 1, CancellationToken cancellationToken = default)
    {
        if (Ensemble.OutputCount != 1 || Ensemble.Link.Function != LinkFunction.Logistic)
        {
            throw new InterpException($"probability output is for binary models with a logistic link; this model has {Ensemble.OutputCount} output(s) and link {Ensemble.Link.Function}.");
        }

        int n = CheckRows(rows);
        var probability = new ProbabilityShap(Ensemble, Players, _background, _rows);
        baseValue = probability.BaseValue;
        return probability.Values(rows.ToArray(), n, threads, cancellationToken);
    }

    private int CheckRows(ReadOnlySpan<double> rows)
    {
        int f = Ensemble.FeatureCount;
        if (rows.Length % f != 0) throw new InterpException($"{rows.Length} values are not whole rows of the model's {f} features.");
        return rows.Length / f;
    }
}
