using Interp.Explainers.Models;

namespace Interp.Tests.TreeShap;

/// <summary>Small random trees (full to a depth, features repeating along paths, NaN sent either way) with consistent covers.</summary>
internal static class RandomTrees
{
    public static DecisionTree Tree(Random rng, int depth, int features, int output = 0)
    {
        int internalCount = (1 << depth) - 1;
        var left = new int[internalCount];
        var right = new int[internalCount];
        var feature = new int[internalCount];
        var threshold = new double[internalCount];
        var defaultLeft = new bool[internalCount];
        var cover = new double[internalCount];
        var leafCover = new double[1 << depth];
        var leaf = new double[1 << depth];
        int leaves = 0;
        cover[0] = 100 + rng.Next(1000);
        for (int n = 0; n < internalCount; n++)
        {
            feature[n] = rng.Next(features);
            threshold[n] = Math.Round(rng.NextDouble() * 2 - 1, 2);
            defaultLeft[n] = rng.Next(2) == 0;
            double share = 0.1 + (0.8 * rng.NextDouble());
            double l = Math.Max(1, Math.Round(cover[n] * share)), r = Math.Max(1, cover[n] - l);
            cover[n] = l + r;
            (left[n], right[n]) = (Child(2 * n + 1, l), Child(2 * n + 2, r));
        }

        int Child(int index, double c)
        {
            if (index < internalCount)
            {
                cover[index] = c;
                return index;
            }

            leafCover[leaves] = c;
            leaf[leaves] = Math.Round(rng.NextDouble() * 4 - 2, 3);
            return ~leaves++;
        }

        // Children were given covers after their parent adjusted its own: make parents the sum of their children again.
        for (int n = internalCount - 1; n >= 0; n--) cover[n] = Cover(left[n]) + Cover(right[n]);
        double Cover(int c) => c >= 0 ? cover[c] : leafCover[~c];
        return new DecisionTree
        {
            LeftChild = left, RightChild = right, SplitFeature = feature, Threshold = threshold, DefaultLeft = defaultLeft,
            LeafValue = leaf, InternalCover = cover, LeafCover = leafCover, OutputIndex = output,
        };
    }

    public static TreeEnsemble Ensemble(int seed, int trees, int depth, int features, int outputs = 1)
    {
        var rng = new Random(seed);
        var list = Enumerable.Range(0, trees).Select(t => Tree(rng, depth, features, t % outputs) with { Weight = t % 3 == 2 ? 0.5 : 1.0 }).ToArray();
        return new TreeEnsemble(list, Enumerable.Range(0, outputs).Select(o => 0.25 * o).ToArray(), outputs, features);
    }

    /// <summary>Rows of uniform values in [-1.2, 1.2], some NaN.</summary>
    public static double[] Rows(int seed, int rows, int features)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, rows * features).Select(_ => rng.NextDouble() < 0.1 ? double.NaN : Math.Round(rng.NextDouble() * 2.4 - 1.2, 2)).ToArray();
    }
}
