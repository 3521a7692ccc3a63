using Interp.Explainers.Attribution.TreeShap;
using Interp.Explainers.Models;
using Xunit;

namespace Interp.Tests.TreeShap;

/// <summary>
/// Path-dependent TreeSHAP against a brute-force reference: the cover-weighted conditional expectation of every coalition
/// (follow the row at a player in the coalition, average the children by cover otherwise), Shapley values by enumeration.
/// </summary>
public sealed class TreeShapBruteForceTests
{
    [Theory]
    [InlineData(1, 1, 3, 4)]
    [InlineData(2, 3, 4, 5)]
    [InlineData(3, 5, 3, 3)]
    [InlineData(4, 4, 2, 6)]
    public void PathDependentValuesEqualEnumeratedShapleyValues(int seed, int trees, int depth, int features)
    {
        var ensemble = RandomTrees.Ensemble(seed, trees, depth, features, outputs: 2);
        var shap = new TreeShapCalculator(ensemble);
        var rows = RandomTrees.Rows(seed + 100, 20, features);
        var phi = shap.ShapValues(rows);
        for (int r = 0; r < 20; r++)
        {
            var row = rows.AsSpan(r * features, features).ToArray();
            for (int o = 0; o < 2; o++)
            {
                var expected = BruteForceShapley.Values(features, s => Value(ensemble, o, row, s));
                ShapAssert.Close(expected, phi.AsSpan(((r * 2) + o) * features, features).ToArray(), $"row {r} output {o}", 1e-9, 1e-9);
            }
        }

        Assert.True(ShapAssert.EfficiencyGap(shap, phi, rows) <= 1e-9);
    }

    /// <summary>The path-dependent value of a coalition (bit mask of players) for one output.</summary>
    internal static double Value(TreeEnsemble ensemble, int output, double[] row, int coalition)
    {
        double sum = ensemble.Bias[output];
        foreach (var tree in ensemble.Trees)
        {
            if (tree.OutputIndex == output) sum += tree.Weight * Expect(tree, tree.NodeCount == 0 ? -1 : 0, row, coalition);
        }

        return sum;
    }

    private static double Expect(DecisionTree tree, int node, double[] row, int coalition)
    {
        if (node < 0) return tree.LeafValue[~node];
        if ((coalition & (1 << tree.SplitFeature[node])) != 0) return Expect(tree, tree.NextNode(node, row), row, coalition);
        double Cover(int c) => c >= 0 ? tree.InternalCover![c] : tree.LeafCover![~c];
        int l = tree.LeftChild[node], r = tree.RightChild[node];
        return ((Cover(l) * Expect(tree, l, row, coalition)) + (Cover(r) * Expect(tree, r, row, coalition))) / tree.InternalCover![node];
    }
}
