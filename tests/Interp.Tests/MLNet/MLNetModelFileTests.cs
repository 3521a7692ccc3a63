using Interp.Backends.MLNet;
using Interp.Core.Models;
using Interp.Explainers;
using Interp.Tests.Trees;
using Interp.Trees;
using Interp.Trees.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>Saved ML.NET models and LightGBM files through the loaders, and CSV files with the model's schema.</summary>
public sealed class MLNetModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("interp-mlnet-").FullName;

    private static string Sample => Path.Combine(TestPaths.RepoRoot, "src", "Interp.Cli", "data", "adult", "adult-sample.csv");

    [Fact]
    public void SavedZipLoadsAsATreeModelThatPredictsTheScoreOfCsvRows()
    {
        var fitted = AdultModels.Get("lightgbm-binary");
        string path = Path.Combine(_dir, "adult.zip");
        AdultModels.Ml.Model.Save(fitted.Transformer, fitted.InputSchema, path);

        using var model = Assert.IsType<MLNetTreeModel>(MLNetModel.Load(path));
        Assert.Equal("mlnet", model.Source.Format);
        Assert.Equal(64, model.Source.Sha256!.Length);
        Assert.Equal(fitted.FeatureNames, model.FeatureNames);
        Assert.Equal("age", model.FeatureNames[0]);
        Assert.Contains("workclass.Private", model.FeatureNames);
        Assert.Equal("workclass", model.FeatureSourceColumns[model.FeatureNames.ToList().IndexOf("workclass.Private")]);
        Assert.Equal(6 + AdultData.Categorical.Length, model.SourceColumns.Count);
        Assert.Equal(AdultData.Categorical.Length, model.CategoricalSlotRanges.Count);
        // The label (income, Label, Age) is not read by the saved chain: the CSV may carry it or not.
        Assert.DoesNotContain("income", model.RequiredInputColumns());

        var data = MLNetData.LoadCsv(model, Sample);
        var expected = AdultMLNet.Column(model.Transformer.Transform(data), "Score");
        var predicted = model.Predict([model.Featurize(data)]);
        Assert.Equal([300, 1], predicted.ShapeArray);
        MLNetTreeTraversalTests.AssertScaledClose(expected, AdultMLNet.ToDouble(predicted.Data), "IPredictor vs Score");
        var traversal = MLNetTreeTraversalTests.RawScores(model.Ensemble, model.Featurize(data).Data);
        MLNetTreeTraversalTests.AssertScaledClose(expected, traversal, "trees of the loaded zip vs Score");

        using var probability = MLNetModel.Load(path, MLNetOutput.Probability);
        var p = probability.Predict([model.Featurize(data)]);
        MLNetTreeTraversalTests.AssertScaledClose(AdultMLNet.Column(model.Transformer.Transform(data), "Probability"), AdultMLNet.ToDouble(p.Data), "Probability");
    }

    [Fact]
    public void TheHostLoadsZipAndTxtThroughAddMLNet()
    {
        var fitted = AdultModels.Get("fasttree-regression");
        string zip = Path.Combine(_dir, "m.zip");
        AdultModels.Ml.Model.Save(fitted.Transformer, fitted.InputSchema, zip);
        string txt = Path.Combine(_dir, "m.txt");
        File.WriteAllText(txt, NativeLightGbm.Binary.Model);

        var services = new ServiceCollection();
        services.AddExplainers(Hosting.HostTestKit.Config()).AddMLNet().AddMLNet();   // twice: registered once
        using var provider = services.BuildServiceProvider();
        Assert.Equal(2, provider.GetServices<Interp.Explainers.Models.IModelLoader>().Count());
        var catalog = provider.GetRequiredService<ModelLoaderCatalog>();
        using var m1 = catalog.Load(zip);
        using var m2 = catalog.Load(txt);
        Assert.IsType<MLNetTreeModel>(m1);
        Assert.IsType<LightGbmModel>(m2);
    }

    [Fact]
    public void LightGbmCsvRowsMapCategoriesThroughLevels()
    {
        var (data, text) = NativeLightGbm.Binary;
        var model = LightGbmModel.FromString(text, LightGbmOutput.RawScore);
        var table = CsvTable.Read(Sample);
        // The model's names use '_' for '-'; the CSV's header uses '-': give the CSV the model's names.
        var renamed = CsvTable.Read(Sample, new CsvReadOptions { ColumnNames = table.ColumnNames.Select(c => c.Replace('-', '_')).ToArray() });
        var x = TabularMatrix.ToNdArray(renamed, model.FeatureNames, data.Levels);
        Assert.Equal([300, data.FeatureCount], x.ShapeArray);
        var expected = new AdultData("income", 300, skip: 30000);
        var direct = model.PredictRaw(expected.X);
        var viaPredictor = model.Predict([x]);
        for (int r = 0; r < 300; r++) Assert.Equal((float)direct[r], viaPredictor.Data[r]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
