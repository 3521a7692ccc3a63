using System.Numerics;
using Interp.Explainers.Models;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Exact interventional SHAP values in probability space for one-output models: per (row, background row) pair, the
/// model is evaluated on the hybrid row of every coalition of the players on which row and background disagree at some
/// split (the others cannot change the output), and Shapley values are taken over those coalitions.
/// </summary>
internal sealed class ProbabilityShap(TreeEnsemble ensemble, TreeShapPlayers players, double[] background, int backgroundRows)
{
    public double BaseValue { get; } = MeanProbability(ensemble, background, backgroundRows);

    public double[] Values(double[] data, int rows, int threads, CancellationToken cancellationToken)
    {
        int f = ensemble.FeatureCount, p = players.Count;
        var phi = new double[rows * p];
        RowParallel.For(rows, threads, () => (Hybrid: new double[f], Out: new double[1]), (s, r) =>
        {
            var row = data.AsSpan(r * f, f);
            for (int b = 0; b < backgroundRows; b++)
            {
                var bg = background.AsSpan(b * f, f);
                var deciding = Disagreeing(row, bg);
                if (deciding.Length > InterventionalTreeShap.MaxProbabilityPlayers)
                {
                    throw new InterpException($"row {r} and background row {b} disagree on {deciding.Length} players; probability-space SHAP enumerates their coalitions and allows at most {InterventionalTreeShap.MaxProbabilityPlayers}.");
                }

                var g = new double[1 << deciding.Length];
                for (int mask = 0; mask < g.Length; mask++)
                {
                    for (int j = 0; j < f; j++)
                    {
                        int at = Array.IndexOf(deciding, players.FeaturePlayer[j]);
                        s.Hybrid[j] = at >= 0 && (mask & (1 << at)) != 0 ? row[j] : bg[j];
                    }

                    ensemble.Predict(s.Hybrid, s.Out);
                    g[mask] = s.Out[0];
                }

                int d = deciding.Length;
                for (int i = 0; i < d; i++)
                {
                    double sum = 0;
                    for (int mask = 0; mask < g.Length; mask++)
                    {
                        if ((mask & (1 << i)) != 0) continue;
                        int size = BitOperations.PopCount((uint)mask);
                        sum += Weight(size, d) * (g[mask | (1 << i)] - g[mask]);
                    }

                    phi[(r * p) + deciding[i]] += sum / backgroundRows;
                }
            }
        }, cancellationToken);
        return phi;
    }

    /// <summary>Players on which the row and the background row go different ways at some split.</summary>
    private int[] Disagreeing(ReadOnlySpan<double> row, ReadOnlySpan<double> bg)
    {
        var set = new SortedSet<int>();
        foreach (var tree in ensemble.Trees)
        {
            for (int n = 0; n < tree.NodeCount; n++)
            {
                if (tree.GoesLeft(n, row) != tree.GoesLeft(n, bg)) set.Add(players.PlayerOfNode(tree, n));
            }
        }

        return [.. set];
    }

    /// <summary>|S|!(d−|S|−1)!/d!.</summary>
    private static double Weight(int size, int d)
    {
        double w = 1.0 / d;
        for (int i = 1; i <= size; i++) w *= i / (double)(d - i);
        return w;
    }

    private static double MeanProbability(TreeEnsemble ensemble, double[] background, int rows)
    {
        int f = ensemble.FeatureCount;
        var output = new double[1];
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            ensemble.Predict(background.AsSpan(r * f, f), output);
            sum += output[0];
        }

        return sum / rows;
    }
}
