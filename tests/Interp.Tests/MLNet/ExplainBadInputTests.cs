using Interp.Explainers;
using Interp.Explainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>Chains without a supported model, backgrounds that are empty or of the wrong width, data without the explained column: clear errors.</summary>
public sealed class ExplainBadInputTests
{
    private static readonly Lazy<(MLContext Ml, IDataView Data, ITransformer Linear)> Cancer = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var data = TabularFiles.BreastCancer(ml);
        return (ml, data, ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(data));
    });

    [Fact]
    public void AChainWithoutATrainerNamesItsStepsAndWhatIsSupported()
    {
        var ml = AdultModels.Ml;
        var featurizer = AdultMLNet.Featurizer(ml).Fit(AdultModels.Train);
        var ex = Assert.Throws<InterpException>(() => ml.Explain().TreeShap(featurizer));
        Assert.Contains("no trainer's prediction step", ex.Message);
        Assert.Contains("OneHotEncodingTransformer", ex.Message);
        Assert.Contains("ColumnConcatenatingTransformer", ex.Message);
        Assert.Contains("FastTree, FastForest and LightGBM", ex.Message);
        Assert.Contains("no trainer's prediction step", Assert.Throws<InterpException>(() => ml.Explain().KernelShap(featurizer, AdultModels.Train)).Message);
        Assert.Contains("no trainer's prediction step", Assert.Throws<InterpException>(() => ml.Explain().PermutationFeatureImportance(featurizer, AdultModels.Train)).Message);
    }

    [Fact]
    public void TreeShapOnALinearModelAndLinearShapOnTreesSaySoAndSuggestAnother()
    {
        var (ml, data, linear) = Cancer.Value;
        var ex = Assert.Throws<InterpException>(() => ml.Explain().TreeShap(linear));
        Assert.Contains("LinearBinaryModelParameters", ex.Message);
        Assert.Contains("FastTree, FastForest and LightGBM", ex.Message);
        Assert.Contains("LinearShap", ex.Message);

        var trees = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 2, NumberOfThreads = 1 }).Fit(data);
        var ex2 = Assert.Throws<InterpException>(() => ml.Explain().LinearShap(trees));
        Assert.Contains("linear models", ex2.Message);
        Assert.Contains("TreeShap", ex2.Message);
    }

    [Fact]
    public void EmptyOrWrongWidthBackgroundsAreRefusedAtFit()
    {
        var (ml, data, linear) = Cancer.Value;
        var empty = ml.Data.FilterRowsByColumn(data, "Target", lowerBound: 10, upperBound: 11);
        var ex = Assert.Throws<InterpException>(() => ml.Explain().KernelShap(linear, empty).Fit(data));
        Assert.Contains("background is empty", ex.Message);

        var narrow = ml.Data.LoadFromEnumerable([new Narrow { Features = new float[12] }, new Narrow { Features = new float[12] }]);
        var ex2 = Assert.Throws<InterpException>(() => ml.Explain().KernelShap(linear, narrow).Fit(data));
        Assert.Contains("12 values", ex2.Message);
        Assert.Contains("30", ex2.Message);

        var unrelated = ml.Data.LoadFromEnumerable([new Other { X = 1 }]);
        var ex3 = Assert.Throws<InterpException>(() => ml.Explain().LinearShap(linear, new LinearShapEstimatorOptions { Background = unrelated }).Fit(data));
        Assert.Contains("'Features' column of 30 values", ex3.Message);
    }

    [Fact]
    public void TransformingDataWithoutTheFeatureColumnSaysWhereToApplyIt()
    {
        var ml = AdultModels.Ml;
        var model = AdultMLNet.Featurizer(ml).Append(ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 2, NumberOfThreads = 1 })).Fit(AdultModels.Train);
        var shap = ml.Explain().TreeShap(model).Fit(AdultModels.Train);
        var ex = Assert.Throws<InterpException>(() => shap.Transform(AdultModels.HeldOut));
        Assert.Contains("no column 'Features'", ex.Message);
        Assert.Contains("model.Append(explainer)", ex.Message);
        Assert.Throws<NotSupportedException>(() => ml.Model.Save(shap, AdultModels.Train.Schema, new MemoryStream()));
    }

    [Fact]
    public void AChainWithoutAnOnnxModelIsRefusedByIntegratedGradients()
    {
        var (ml, _, linear) = Cancer.Value;
        var ex = Assert.Throws<InterpException>(() => ml.Explain().IntegratedGradients(linear));
        Assert.Contains("no ONNX model", ex.Message);
        Assert.Contains("OnnxModelPath", ex.Message);
    }

    private sealed class Narrow
    {
        [VectorType(12)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Other
    {
        public float X { get; set; }
    }
}
