using Interp.Explainers.Models;

namespace Interp.Trees;

/// <summary>
/// Recomputes node covers (the number of rows through each node, which path-dependent TreeSHAP needs) by routing a
/// data set through the trees. ML.NET keeps no counts; LightGBM's counts are those of its training data.
/// </summary>
public static class TreeCovers
{
    /// <summary>A copy of <paramref name="ensemble"/> with <see cref="DecisionTree.InternalCover"/> and <see cref="DecisionTree.LeafCover"/> counted on <paramref name="data"/>.</summary>
    /// <param name="ensemble">The ensemble.</param>
    /// <param name="data">rows × <see cref="TreeEnsemble.FeatureCount"/> values, row-major.</param>
    /// <param name="weights">Optional weight per row (default 1).</param>
    public static TreeEnsemble Compute(TreeEnsemble ensemble, ReadOnlySpan<double> data, ReadOnlySpan<double> weights = default)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int f = ensemble.FeatureCount;
        if (data.Length % f != 0) throw new ArgumentException($"{data.Length} values are not whole rows of {f} features.", nameof(data));
        int rows = data.Length / f;
        if (!weights.IsEmpty && weights.Length != rows) throw new ArgumentException($"{weights.Length} weights for {rows} rows.", nameof(weights));
        var trees = new List<DecisionTree>(ensemble.Trees.Count);
        foreach (var tree in ensemble.Trees)
        {
            var internalCover = new double[tree.NodeCount];
            var leafCover = new double[tree.LeafCount];
            for (int r = 0; r < rows; r++)
            {
                var row = data.Slice(r * f, f);
                double w = weights.IsEmpty ? 1.0 : weights[r];
                if (tree.NodeCount == 0)
                {
                    leafCover[0] += w;
                    continue;
                }

                int node = 0;
                while (node >= 0)
                {
                    internalCover[node] += w;
                    node = tree.NextNode(node, row);
                }

                leafCover[~node] += w;
            }

            trees.Add(tree with { InternalCover = internalCover, LeafCover = leafCover });
        }

        return ensemble with { Trees = trees };
    }
}
