using Interp.Backends.MLNet;
using Interp.Explainers.Attribution.TreeShap;
using Interp.Explainers.MLNet;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Tests.Trees;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.MLNet;

/// <summary>
/// End to end on Adult: one-hot featurisation + LightGBM (categorical splits, missing values) fitted in ML.NET, then
/// <c>mlContext.Explain().TreeShap(model)</c> fitted on the training rows and applied after the chain. The appended
/// values add up to ML.NET's own Score column, equal the TreeShap explainer run directly, survive windows that do not
/// divide the rows, and group back to the source columns; PFI and mean |SHAP| come from the same surface.
/// </summary>
public sealed class AdultExplainTests(ITestOutputHelper output)
{
    private static readonly Lazy<ITransformer> Model = new(() =>
        AdultMLNet.Featurizer(AdultModels.Ml).Append(AdultModels.Ml.BinaryClassification.Trainers.LightGbm(
            new LightGbmBinaryTrainer.Options { NumberOfIterations = 30, NumberOfLeaves = 16, UseCategoricalSplit = true, NumberOfThreads = 1 }))
            .Fit(AdultModels.Train));

    private static readonly Lazy<ITransformer> SmallModel = new(() =>
        AdultMLNet.Featurizer(AdultModels.Ml).Append(AdultModels.Ml.BinaryClassification.Trainers.LightGbm(
            new LightGbmBinaryTrainer.Options { NumberOfIterations = 3, NumberOfLeaves = 4, UseCategoricalSplit = true, NumberOfThreads = 1 }))
            .Fit(AdultModels.Train));

    [Fact]
    public async Task TreeShapColumnsAddUpToTheScoreColumnAndEqualTheExplainer()
    {
        var ml = AdultModels.Ml;
        var shap = ml.Explain().TreeShap(Model.Value, new TreeShapEstimatorOptions { WindowRows = 333, Threads = 2 }).Fit(AdultModels.Train);
        var explained = shap.Transform(Model.Value.Transform(AdultModels.HeldOut));
        var values = ExplainColumns.Vectors(explained, "Shap");
        var bases = ExplainColumns.Scalars(explained, "ShapBase");
        var score = ExplainColumns.Scalars(explained, "Score");
        Assert.Equal(2000, values.Length);

        double gap = 0;
        for (int r = 0; r < values.Length; r++) gap = Math.Max(gap, ExplainColumns.Relative(values[r].Sum(v => (double)v) + bases[r], score[r]));
        output.WriteLine($"max relative |Σ Shap + ShapBase − Score| over {values.Length} rows: {gap:G3}");
        Assert.True(gap <= 1e-5, $"efficiency gap {gap}");

        // The explainer run directly on the featurized rows (one request, no windows) gives the same values and names.
        var model = (MLNetTreeModel)MLNetModel.FromTransformer(ml, Model.Value, AdultModels.Train.Schema);
        model.WithCovers(AdultModels.Train);
        var x = model.Featurize(AdultModels.HeldOut);
        var direct = await new Explainers.Attribution.TreeShap.TreeShap(new TreeShapOptions { Global = false }).ExplainAsync(new ShapRequest
        {
            Model = model,
            Data = new NdArray<double>(Array.ConvertAll(x.Data, v => (double)v), x.Shape[0], x.Shape[1]),
        });
        Assert.Equal(direct.FeatureNames, ExplainColumns.SlotNames(explained, "Shap"));
        Assert.Equal(direct.FeatureNames, shap.SlotNamesOf("Shap"));
        int p = direct.FeatureNames.Count;
        Assert.True(p < model.FeatureCount, "one-hot columns with categorical splits are one player");
        for (int r = 0; r < values.Length; r++)
        {
            for (int j = 0; j < p; j++) Assert.Equal(direct.ShapValues.Data[(r * p) + j], values[r][j], 1e-6);
            Assert.Equal(direct.BaseValues.Data[r], bases[r], 1e-6);
        }
    }

    [Fact]
    public void GroupingBySourceColumnSumsTheSlotsAndKeepsEfficiency()
    {
        var ml = AdultModels.Ml;
        var slots = ml.Explain().TreeShap(Model.Value).Fit(AdultModels.Train);
        var grouped = ml.Explain().TreeShap(Model.Value, "ShapByColumn", groupBySourceColumn: true).Fit(AdultModels.Train);
        var explained = grouped.Transform(slots.Transform(Model.Value.Transform(AdultModels.HeldOut)));
        var names = ExplainColumns.SlotNames(explained, "ShapByColumn");
        Assert.Equal([.. AdultMLNet.Numeric, .. AdultData.Categorical], names);

        var model = MLNetModel.FromTransformer(ml, Model.Value, AdultModels.Train.Schema);
        var playerNames = ExplainColumns.SlotNames(explained, "Shap");
        var source = playerNames.Select(n => model.FeatureSourceColumns[FirstSlot(model, n)]).ToArray();
        var perPlayer = ExplainColumns.Vectors(explained, "Shap");
        var perColumn = ExplainColumns.Vectors(explained, "ShapByColumn");
        var score = ExplainColumns.Scalars(explained, "Score");
        var bases = ExplainColumns.Scalars(explained, "ShapBase");
        for (int r = 0; r < perColumn.Length; r++)
        {
            for (int c = 0; c < names.Length; c++)
            {
                double expected = Enumerable.Range(0, playerNames.Length).Where(j => source[j] == names[c]).Sum(j => (double)perPlayer[r][j]);
                Assert.True(Math.Abs(expected - perColumn[r][c]) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"row {r} column {names[c]}: {perColumn[r][c]} vs Σ slots {expected}");
            }

            Assert.True(ExplainColumns.Relative(perColumn[r].Sum(v => (double)v) + bases[r], score[r]) <= 1e-5);
        }
    }

    [Fact]
    public async Task PermutationImportancePerSourceColumnAndMeanAbsoluteShap()
    {
        var ml = AdultModels.Ml;
        var small = SmallModel.Value;
        var pfi = ml.Explain().PermutationFeatureImportance(small, AdultModels.HeldOut, "Label", repeats: 3);
        Assert.Equal([.. AdultMLNet.Numeric, .. AdultData.Categorical], pfi.Labels!.FeatureNames);
        Assert.Equal("auc", pfi.Metric);

        // Its baseline metric is ML.NET's own AUC of the chain on the same rows (an independent implementation).
        var metrics = ml.BinaryClassification.EvaluateNonCalibrated(small.Transform(AdultModels.HeldOut));
        output.WriteLine($"AUC: ours {pfi.Quality["baseline_metric"][0]:G6}, ML.NET {metrics.AreaUnderRocCurve:G6}");
        Assert.Equal(metrics.AreaUnderRocCurve, pfi.Quality["baseline_metric"][0], 1e-4);

        // A source column the trees never split on scores exactly 0 (a small model leaves several unused).
        var smallTrees = (MLNetTreeModel)MLNetModel.FromTransformer(ml, small, AdultModels.Train.Schema);
        var used = smallTrees.Ensemble.Trees.SelectMany(t => Enumerable.Range(0, t.NodeCount).SelectMany(n => t.CategoricalSets?[n] ?? [t.SplitFeature[n]]))
            .Select(s => smallTrees.FeatureSourceColumns[s]).ToHashSet();
        Assert.True(used.Count < pfi.Importance.Length, "some source columns are unused");
        for (int c = 0; c < pfi.Importance.Length; c++)
        {
            output.WriteLine($"{pfi.Labels.FeatureNames![c],-16} PFI {pfi.Importance[c]:F5} ± {pfi.StandardError![c]:F5}{(used.Contains(pfi.Labels.FeatureNames[c]) ? "" : " (never split on)")}");
            if (!used.Contains(pfi.Labels.FeatureNames[c])) Assert.Equal(0, pfi.Importance[c]);
        }

        // Mean |SHAP| streamed from the column equals the explainer's own global summary on the same rows.
        var explained = ml.Explain().TreeShap(Model.Value, groupBySourceColumn: false).Fit(AdultModels.Train).Transform(Model.Value.Transform(AdultModels.HeldOut));
        var mean = ml.Explain().MeanAbsoluteShap(explained);
        var model = (MLNetTreeModel)MLNetModel.FromTransformer(ml, Model.Value, AdultModels.Train.Schema);
        model.WithCovers(AdultModels.Train);
        var x = model.Featurize(AdultModels.HeldOut);
        var direct = await new Explainers.Attribution.TreeShap.TreeShap(new TreeShapOptions()).ExplainAsync(new ShapRequest
        {
            Model = model,
            Data = new NdArray<double>(Array.ConvertAll(x.Data, v => (double)v), x.Shape[0], x.Shape[1]),
        });
        Assert.Equal(direct.FeatureNames, mean.Labels!.FeatureNames);
        var expected = direct.Global!.MeanAbsShap.Data;
        for (int j = 0; j < expected.Length; j++) Assert.Equal(expected[j], mean.Importance[j], 1e-5);
    }

    private static int FirstSlot(MLNetModel model, string player)
    {
        int i = model.FeatureNames.ToList().IndexOf(player);
        return i >= 0 ? i : model.FeatureSourceColumns.ToList().IndexOf(player);
    }
}
