using Interp.Backends.MLNet;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>
/// Multiclass tree models: ML.NET 5.0.1 does not expose the per-class models, so their trees come from
/// ConvertToOnnx; checked here against ML.NET's Score column (per-class scores) on real rows.
/// </summary>
public sealed class MLNetMulticlassTests
{
    /// <summary>Leaf values pass through ONNX as float32.</summary>
    private const double Tolerance = 1e-6;

    private static IDataView WithKey(IDataView data) =>
        AdultModels.Ml.Transforms.Conversion.MapValueToKey("Relationship", "relationship").Append(AdultModels.Ml.Transforms.DropColumns("Label"))
            .Fit(AdultModels.Train).Transform(data);

    [Theory]
    [InlineData("lightgbm-softmax")]
    [InlineData("fasttree-ova")]
    public void PerClassTreesReproduceTheScoreColumn(string kind)
    {
        var ml = AdultModels.Ml;
        var train = WithKey(AdultModels.Train);
        IEstimator<ITransformer> trainer = kind == "lightgbm-softmax"
            ? ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { LabelColumnName = "Relationship", NumberOfIterations = 8, NumberOfLeaves = 8, UseSoftmax = true, NumberOfThreads = 1 })
            : ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { LabelColumnName = "Relationship", NumberOfTrees = 5, NumberOfLeaves = 8 }), "Relationship");
        var fitted = AdultMLNet.Featurizer(ml, "relationship").Append(trainer).Fit(train);
        var model = Assert.IsType<MLNetTreeModel>(MLNetModel.FromTransformer(ml, fitted, train.Schema));
        Assert.Equal(6, model.Ensemble.OutputCount);
        Assert.Equal(kind == "lightgbm-softmax" ? "softmax" : "calibrated-normalized", model.MulticlassScores);

        var heldOut = WithKey(AdultModels.HeldOut);
        var expected = AdultMLNet.Column(model.Transformer.Transform(heldOut), "Score");
        Assert.True(expected.Max() - expected.Min() > 0.1, $"{kind}: the model separates the classes");
        var x = model.Featurize(heldOut).Data;
        var raw = MLNetTreeTraversalTests.RawScores(model.Ensemble, x);
        var formula = MulticlassFormula.Read(MLNetOnnxTrees.Export(ml, model.Predictor, model.FeatureColumn, model.FeatureCount));
        var ours = new double[raw.Length];
        for (int r = 0; r < raw.Length / 6; r++) formula.Apply(raw.AsSpan(r * 6, 6), ours.AsSpan(r * 6, 6));
        MLNetTreeTraversalTests.AssertScaledClose(expected, ours, $"{kind} class scores", Tolerance);
    }

    [Fact]
    public void CategoricalSplitsThatTheOnnxExportDropsAreRefusedNotGuessed()
    {
        var ml = AdultModels.Ml;
        var train = WithKey(AdultModels.Train);
        var trainer = ml.MulticlassClassification.Trainers.LightGbm(
            new LightGbmMulticlassTrainer.Options { LabelColumnName = "Relationship", NumberOfIterations = 5, NumberOfLeaves = 8, UseCategoricalSplit = true, UseSoftmax = true, NumberOfThreads = 1 });
        var fitted = AdultMLNet.Featurizer(ml, "relationship").Append(trainer).Fit(train);
        var model = MLNetModel.FromTransformer(ml, fitted, train.Schema);
        Assert.IsNotType<MLNetTreeModel>(model);
        Assert.Contains("categorical splits", model.TreesUnavailableReason);
        Assert.Equal([AdultModels.HeldOut.GetRowCount() ?? 0, 6], model.Predict([model.Featurize(WithKey(AdultModels.HeldOut))]).ShapeArray.Select(d => (long)d));
    }
}
