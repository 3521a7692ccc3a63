using Interp.Explainers.Attribution.TreeShap;
using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Tests.MLNet;
using Interp.Trees;
using Xunit;

namespace Interp.Tests.TreeShap;

/// <summary>
/// Global summaries against values computed independently: mean |SHAP| from brute-force Shapley values, and the
/// dependence data's <c>interaction_feature</c> = argmax over j ≠ i of mean |Φ_ij| from brute-force interaction indices.
/// </summary>
public sealed class TreeShapGlobalTests
{
    [Theory]
    [InlineData(31, 3, 5, 2)]
    [InlineData(32, 4, 4, 1)]
    public async Task MeanAbsShapAndStrongestInteractionMatchBruteForce(int seed, int trees, int features, int outputs)
    {
        const int rows = 12;
        var model = LightGbmModel.FromString(Interp.Trees.LightGbm.LightGbmTextWriter.Write(RandomTrees.Ensemble(seed, trees, 3, features, outputs)));
        var ensemble = model.Ensemble;
        var data = RandomTrees.Rows(seed + 5, rows, features);
        var explainer = new Interp.Explainers.Attribution.TreeShap.TreeShap(new TreeShapOptions { Interactions = true, Global = true, Threads = 1 });
        var explanation = await explainer.ExplainAsync(new ShapRequest { Model = model, Data = new NdArray<double>(data, rows, features) });
        var global = explanation.Global!;

        var meanAbs = new double[outputs * features];
        var meanAbsInteraction = new double[features, features];
        for (int r = 0; r < rows; r++)
        {
            var row = data.AsSpan(r * features, features).ToArray();
            for (int o = 0; o < outputs; o++)
            {
                var phi = BruteForceShapley.Values(features, s => TreeShapBruteForceTests.Value(ensemble, o, row, s));
                var phiIJ = BruteForceShapley.Interactions(features, s => TreeShapBruteForceTests.Value(ensemble, o, row, s));
                for (int i = 0; i < features; i++)
                {
                    meanAbs[(o * features) + i] += Math.Abs(phi[i]) / rows;
                    for (int j = 0; j < features; j++) meanAbsInteraction[i, j] += Math.Abs(phiIJ[i, j]) / rows;
                }
            }
        }

        Assert.Equal(outputs > 1 ? [outputs, features] : new[] { features }, global.MeanAbsShap.Shape);
        ShapAssert.Close(meanAbs, global.MeanAbsShap.Data, "mean |SHAP|", 1e-9, 1e-9);
        ShapAssert.Close(MeanAbs(explanation.ShapValues.Data, rows, outputs * features), global.MeanAbsShap.Data, "mean |SHAP| of the explanation's values", 1e-12, 1e-12);
        for (int i = 0; i < features; i++)
        {
            double best = Enumerable.Range(0, features).Where(j => j != i).Max(j => meanAbsInteraction[i, j]);
            int chosen = global.StrongestInteraction[i];
            if (best < 1e-9)
            {
                Assert.Equal(-1, chosen);
                continue;
            }

            Assert.NotEqual(i, chosen);
            Assert.InRange(chosen, 0, features - 1);
            Assert.True(meanAbsInteraction[i, chosen] >= best - 1e-9, $"feature {i}: chose {chosen} (mean |Φ| {meanAbsInteraction[i, chosen]:G6}), strongest is {best:G6}");
        }

        Assert.Contains(global.StrongestInteraction, j => j >= 0);
        Assert.Equal(data, global.FeatureValues.Data);
        Assert.Equal([rows, features], global.FeatureValues.Shape);
    }

    [Fact]
    public async Task GroupedOneHotColumnsReportThePositionOfTheHotSlot()
    {
        var model = AdultModels.Get("fasttree-binary").WithCovers(AdultModels.Train);
        var slots = model.Featurize(AdultModels.HeldOut);
        const int rows = 50;
        int f = model.FeatureCount;
        var data = AdultMLNet.ToDouble(slots.Data).AsSpan(0, rows * f).ToArray();
        var explainer = new Interp.Explainers.Attribution.TreeShap.TreeShap(new TreeShapOptions { Global = true, Threads = 1 });
        var explanation = await explainer.ExplainAsync(new ShapRequest { Model = model, Data = new NdArray<double>(data, rows, f) });
        var players = TreeShapPlayers.For(model.Ensemble);
        int p = players.Count;
        Assert.Equal([rows, p], explanation.Global!.FeatureValues.Shape);
        ShapAssert.Close(MeanAbs(explanation.ShapValues.Data, rows, p), explanation.Global.MeanAbsShap.Data, "mean |SHAP|", 1e-12, 1e-12);
        model.ToLightGbmText(out var layout);
        Assert.NotEmpty(layout.Columns);
        var codes = layout.Expand(data);
        foreach (var column in layout.Columns)
        {
            int player = players.FeaturePlayer[column.Start];
            for (int r = 0; r < rows; r++)
            {
                Assert.Equal(codes[(r * layout.FeatureCount) + column.CodeFeature], explanation.Global.FeatureValues.Data[(r * p) + player]);
            }
        }

        Assert.All(explanation.Global.StrongestInteraction, j => Assert.InRange(j, -1, p - 1));
    }

    private static double[] MeanAbs(double[] values, int rows, int width)
    {
        var mean = new double[width];
        for (int r = 0; r < rows; r++) for (int i = 0; i < width; i++) mean[i] += Math.Abs(values[(r * width) + i]) / rows;
        return mean;
    }
}
