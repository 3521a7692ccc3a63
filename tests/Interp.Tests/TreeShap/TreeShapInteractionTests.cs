using Interp.Explainers.Attribution.TreeShap;
using Interp.Tests.Trees;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.TreeShap;

/// <summary>SHAP interaction values: brute-force Shapley interaction indices on random depth-3 trees; rows sum to φ; symmetric.</summary>
public sealed class TreeShapInteractionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(11, 1, 4)]
    [InlineData(12, 3, 5)]
    [InlineData(13, 4, 3)]
    public void EqualBruteForceShapleyInteractionIndicesOnDepth3Trees(int seed, int trees, int features)
    {
        var ensemble = RandomTrees.Ensemble(seed, trees, 3, features, outputs: 2);
        var shap = new TreeShapCalculator(ensemble);
        var rows = RandomTrees.Rows(seed, 10, features);
        var phi = shap.InteractionValues(rows, threads: 2);
        for (int r = 0; r < 10; r++)
        {
            var row = rows.AsSpan(r * features, features).ToArray();
            for (int o = 0; o < 2; o++)
            {
                var expected = BruteForceShapley.Interactions(features, s => TreeShapBruteForceTests.Value(ensemble, o, row, s));
                var flat = new double[features * features];
                for (int i = 0; i < features; i++) for (int j = 0; j < features; j++) flat[(i * features) + j] = expected[i, j];
                ShapAssert.Close(flat, phi.AsSpan(((r * 2) + o) * features * features, features * features).ToArray(), $"row {r} output {o}", 1e-9, 1e-9);
            }
        }
    }

    [Fact]
    public void OnAdultRowsSumToShapValuesAndAreSymmetric()
    {
        var shap = new TreeShapCalculator(ShapAssert.Ensemble(NativeLightGbm.Multiclass.Model));
        var rows = new AdultData("relationship", 12, skip: 4500).WithMissing(0.2, 4, "age").X;
        int p = shap.Players.Count, k = shap.Ensemble.OutputCount;
        var phi = shap.ShapValues(rows);
        var interactions = shap.InteractionValues(rows);
        double sumGap = 0, asymmetry = 0;
        for (int b = 0; b < 12 * k; b++)
        {
            for (int i = 0; i < p; i++)
            {
                double sum = 0;
                for (int j = 0; j < p; j++)
                {
                    sum += interactions[(((b * p) + i) * p) + j];
                    asymmetry = Math.Max(asymmetry, Math.Abs(interactions[(((b * p) + i) * p) + j] - interactions[(((b * p) + j) * p) + i]));
                }

                sumGap = Math.Max(sumGap, Math.Abs(sum - phi[(b * p) + i]));
            }
        }

        output.WriteLine($"max |Σ_j Φ_ij − φ_i| {sumGap:G3}, max |Φ_ij − Φ_ji| {asymmetry:G3}");
        Assert.True(sumGap <= 1e-6, $"sum gap {sumGap}");
        Assert.True(asymmetry <= 1e-6, $"asymmetry {asymmetry}");
    }
}
