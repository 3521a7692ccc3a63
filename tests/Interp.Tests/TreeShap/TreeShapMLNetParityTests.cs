using Interp.Explainers.Attribution.TreeShap;
using Interp.Explainers.Models;
using Interp.Tests.MLNet;
using Interp.Trees.Native;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.TreeShap;

/// <summary>
/// ML.NET FastTree and LightGBM ensembles (Adult, one-hot categoricals with categorical splits, missing values) written
/// out through the text bridge: native LightGBM's SHAP of the written model is the reference. Each one-hot source
/// column is one player; its value must equal the sum of native LightGBM's values for the column's slots and its code
/// feature.
/// </summary>
public sealed class TreeShapMLNetParityTests(ITestOutputHelper output)
{
    private const int Rows = 300;

    [Theory]
    [InlineData("fasttree-binary")]
    [InlineData("lightgbm-binary")]
    public void GroupedPlayersEqualNativeShapOfTheWrittenModel(string kind)
    {
        var model = AdultModels.Get(kind).WithCovers(AdultModels.Train);
        var ensemble = model.Ensemble;
        var text = model.ToLightGbmText(out var layout);
        using var native = LightGbmBooster.FromModelString(text);
        var slots = AdultMLNet.ToDouble(model.Featurize(AdultModels.HeldOut).Data).AsSpan(0, Rows * ensemble.FeatureCount).ToArray();
        Assert.Contains(slots, double.IsNaN);
        var nativeRows = layout.Expand(slots);
        var contributions = native.Predict(nativeRows, LightGbmPredictType.Contributions, "num_threads=1");

        // The written model itself (read back by our reader: category codes, players = features) equals native SHAP.
        var written = new TreeShapCalculator(ShapAssert.Ensemble(text));
        Assert.True(written.Players.IsIdentity);
        var writtenPhi = written.ShapValues(nativeRows);
        double writtenDiff = ShapAssert.Close(contributions, ShapAssert.AsNativeLayout(written, writtenPhi, Rows), $"{kind}: written model");

        // The ML.NET ensemble with grouped players: each one-hot column is one player.
        var shap = new TreeShapCalculator(ensemble);
        var players = shap.Players;
        Assert.False(players.IsIdentity);
        Assert.True(players.Count < ensemble.FeatureCount);
        foreach (var column in layout.Columns)
        {
            int player = players.FeaturePlayer[column.Start];
            Assert.Equal(column.Name, players.Names[player]);
            Assert.All(Enumerable.Range(column.Start, column.Count), s => Assert.Equal(player, players.FeaturePlayer[s]));
        }

        var phi = shap.ShapValues(slots);
        var expected = GroupNative(contributions, layout, players, Rows);
        double groupedDiff = ShapAssert.Close(expected, ShapAssert.AsNativeLayout(shap, phi, Rows), $"{kind}: grouped players");
        double gap = EfficiencyGap(shap, phi, slots);
        output.WriteLine($"{kind}: {Rows} rows, {players.Count} players for {ensemble.FeatureCount} slots ({layout.Columns.Count} one-hot columns); "
            + $"max |written − native| {writtenDiff:G3}, max |grouped − Σ native| {groupedDiff:G3}, efficiency gap {gap:G3}");
        Assert.True(gap <= 1e-6, $"efficiency gap {gap}");
    }

    [Fact]
    public void SlotsOfGroupedColumnsShareTheColumnsPlayerAndOtherSlotsStayPlayers()
    {
        var model = AdultModels.Get("fasttree-binary");
        var e = model.Ensemble;
        var players = TreeShapPlayers.For(e);
        var tested = e.Trees.SelectMany(t => Enumerable.Range(0, t.NodeCount).Where(n => t.KindAt(n) == SplitKind.OneHotSet).Select(n => t.CategoricalColumn![n])).ToHashSet();
        Assert.NotEmpty(tested);
        for (int slot = 0; slot < e.FeatureCount; slot++)
        {
            int column = e.FeatureSourceColumn![slot];
            string expected = tested.Contains(column) ? e.SourceColumns![column] : model.FeatureNames[slot];
            Assert.Equal(expected, players.Names[players.FeaturePlayer[slot]]);
        }

        Assert.Equal(players.Count, players.Names.Distinct().Count());
        Assert.Equal(e.FeatureCount - tested.Sum(c => e.FeatureSourceColumn!.Count(s => s == c)) + tested.Count, players.Count);
    }

    /// <summary>Native contributions (per row: slots, codes, base) summed per player; the base value last.</summary>
    private static double[] GroupNative(double[] contributions, Interp.Trees.OneHotCodeLayout layout, TreeShapPlayers players, int rows)
    {
        int f = layout.FeatureCount, p = players.Count;
        var result = new double[rows * (p + 1)];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < f; j++)
            {
                int player = j < layout.SlotCount ? players.FeaturePlayer[j] : players.FeaturePlayer[layout.Columns[j - layout.SlotCount].Start];
                result[(r * (p + 1)) + player] += contributions[(r * (f + 1)) + j];
            }

            result[(r * (p + 1)) + p] = contributions[(r * (f + 1)) + f];
        }

        return result;
    }

    private static double EfficiencyGap(TreeShapCalculator shap, double[] phi, double[] rows)
    {
        var e = shap.Ensemble;
        int n = rows.Length / e.FeatureCount, p = shap.Players.Count;
        var raw = new double[1];
        double worst = 0;
        for (int r = 0; r < n; r++)
        {
            e.PredictRaw(rows.AsSpan(r * e.FeatureCount, e.FeatureCount), raw);
            double sum = shap.ExpectedValues[0];
            for (int j = 0; j < p; j++) sum += phi[(r * p) + j];
            worst = Math.Max(worst, Math.Abs(sum - raw[0]));
        }

        return worst;
    }
}
