using Interp.Explainers.Attribution.TreeShap;
using Interp.Tests.Trees;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.TreeShap;

/// <summary>
/// Fast TreeSHAP tables (Yang 2021) are built when a call has enough rows to repay them and give the classic algorithm's
/// values; small calls keep the classic algorithm.
/// </summary>
public sealed class TreeShapFastTests(ITestOutputHelper output)
{
    [Fact]
    public void TablesGiveTheClassicValuesOnAdult()
    {
        var text = NativeLightGbm.Binary.Model;
        var rows = new AdultData("income", 200, skip: 6000).WithMissing(0.15, 5, "age", "fnlwgt").X;
        var classic = new TreeShapCalculator(ShapAssert.Ensemble(text));
        int f = classic.Ensemble.FeatureCount, n = rows.Length / f;
        var expected = new double[n * classic.Players.Count];
        for (int r = 0; r < n; r++)
        {
            classic.ShapValues(rows.AsSpan(r * f, f)).CopyTo(expected, r * classic.Players.Count);
        }

        Assert.Equal(0, classic.FastTreeCount);
        var fast = new TreeShapCalculator(ShapAssert.Ensemble(text));
        var phi = fast.ShapValues(rows, threads: 2);
        Assert.InRange(fast.FastTreeCount, 1, fast.Ensemble.Trees.Count);   // trees with long paths may stay classic for 200 rows
        double diff = ShapAssert.Close(expected, phi, "fast vs classic", 1e-12, 1e-12);
        output.WriteLine($"{n} rows, {fast.FastTreeCount} of {fast.Ensemble.Trees.Count} trees with tables, max |fast − classic| {diff:G3}");
    }

    [Theory]
    [InlineData(51, 4, 6, 3)]
    [InlineData(52, 3, 5, 2)]
    public void TablesHandlePlayersRepeatedAlongPaths(int seed, int trees, int depth, int features)
    {
        var ensemble = RandomTrees.Ensemble(seed, trees, depth, features, outputs: 2);
        var shap = new TreeShapCalculator(ensemble);
        const int rows = 40;
        var data = RandomTrees.Rows(seed + 1, rows, features);
        var phi = shap.ShapValues(data);
        Assert.Equal(trees, shap.FastTreeCount);
        for (int r = 0; r < rows; r++)
        {
            var row = data.AsSpan(r * features, features).ToArray();
            for (int o = 0; o < 2; o++)
            {
                var expected = BruteForceShapley.Values(features, s => TreeShapBruteForceTests.Value(ensemble, o, row, s));
                ShapAssert.Close(expected, phi.AsSpan(((r * 2) + o) * features, features).ToArray(), $"row {r} output {o}", 1e-9, 1e-9);
            }
        }
    }
}
