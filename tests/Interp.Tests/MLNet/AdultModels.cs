using Interp.Backends.MLNet;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Interp.Tests.MLNet;

/// <summary>ML.NET tree models on 5,000 Adult rows (10% of fnlwgt and hours-per-week missing), fitted once per test run.</summary>
internal static class AdultModels
{
    public static readonly MLContext Ml = new(seed: 1);

    private static readonly Lazy<IDataView> TrainData = new(() => AdultMLNet.Load(Ml, AdultMLNet.Table(5000, 0, missing: 0.1)));
    private static readonly Lazy<IDataView> HeldOutData = new(() => AdultMLNet.Load(Ml, AdultMLNet.Table(2000, 5000, missing: 0.1, seed: 2)));
    private static readonly Dictionary<string, MLNetTreeModel> Cache = [];

    public static IDataView Train => TrainData.Value;

    public static IDataView HeldOut => HeldOutData.Value;

    public static readonly string[] Kinds =
    [
        "fasttree-binary", "fastforest-binary", "lightgbm-binary", "fasttree-regression", "fastforest-regression", "lightgbm-regression",
    ];

    public static MLNetTreeModel Get(string kind)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(kind, out var m)) return m;
            bool regression = kind.EndsWith("regression", StringComparison.Ordinal);
            var featurizer = AdultMLNet.Featurizer(Ml, regression ? ["age"] : []);
            var fitted = featurizer.Append(Trainer(kind)).Fit(Train);
            m = Assert(MLNetModel.FromTransformer(Ml, fitted, Train.Schema));
            Cache[kind] = m;
            return m;
        }
    }

    private static MLNetTreeModel Assert(MLNetModel model) =>
        model as MLNetTreeModel ?? throw new InvalidOperationException($"Expected a tree model, got {model.GetType().Name}.");

    private static IEstimator<ITransformer> Trainer(string kind) => kind switch
    {
        "fasttree-binary" => Ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfTrees = 20, NumberOfLeaves = 12, CategoricalSplit = true }),
        "fastforest-binary" => Ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options { NumberOfTrees = 10, NumberOfLeaves = 12 }),
        "lightgbm-binary" => Ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 20, NumberOfLeaves = 12, UseCategoricalSplit = true, NumberOfThreads = 1 }),
        "fasttree-regression" => Ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { LabelColumnName = "Age", NumberOfTrees = 20, NumberOfLeaves = 12, CategoricalSplit = true }),
        "fastforest-regression" => Ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options { LabelColumnName = "Age", NumberOfTrees = 10, NumberOfLeaves = 12 }),
        "lightgbm-regression" => Ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options { LabelColumnName = "Age", NumberOfIterations = 20, NumberOfLeaves = 12, UseCategoricalSplit = true, NumberOfThreads = 1 }),
        _ => throw new ArgumentException(kind),
    };
}
