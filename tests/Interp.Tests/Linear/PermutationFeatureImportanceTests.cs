using Interp.Explainers.Attribution.PermutationFeatureImportance;
using Interp.Explainers.Requests;
using Microsoft.ML;
using Xunit;

namespace Interp.Tests.Linear;

/// <summary>PermutationFeatureImportance: exact zeros, the ranking on a known linear target, agreement with ML.NET's PFI.</summary>
public sealed class PermutationFeatureImportanceTests
{
    [Fact]
    public async Task AColumnTheModelNeverUsesScoresExactlyZero()
    {
        var data = new LinearData(400, seed: 5);
        using var model = new FunctionPredictor(4, x => 10 * x[0] + 20 * x[1] + 5.5f * x[2]);
        var progress = new List<double>();
        var request = new GlobalImportanceRequest { Model = model, Data = data.X, Labels = data.Y, Progress = new SyncProgress(progress) };
        foreach (var metric in new[] { ImportanceMetric.RSquared, ImportanceMetric.Rmse })
        {
            var e = await new PermutationFeatureImportance(new PermutationFeatureImportanceOptions { Metric = metric, Repeats = 3 }).ExplainAsync(request);
            Assert.Equal(0.0, e.Importance[3]);
            Assert.Equal(0.0, e.StandardError![3]);
            Assert.All(e.Importance.Take(3), v => Assert.True(v > 0));
        }

        Assert.Equal(1.0, progress.Max(), 1e-12);
    }

    [Fact]
    public async Task RanksX2FirstAndTheRandomColumnLastAndAgreesWithMLNet()
    {
        var data = new LinearData(1000, seed: 6);
        var fitted = data.Ml.Transforms.Concatenate("Features", LinearData.Columns)
            .Append(data.Ml.Regression.Trainers.Sdca("Label", "Features", maximumNumberOfIterations: 200))
            .Fit(data.Data);
        using var model = Interp.Backends.MLNet.MLNetModel.FromTransformer(data.Ml, fitted, data.Data.Schema);
        var options = new PermutationFeatureImportanceOptions { Metric = ImportanceMetric.RSquared, Repeats = 10, Seed = 11 };
        var ours = await new PermutationFeatureImportance(options).ExplainAsync(new GlobalImportanceRequest { Model = model, Data = data.X, Labels = data.Y });
        var ranking = Enumerable.Range(0, 4).OrderByDescending(i => ours.Importance[i]).ToArray();
        Assert.Equal(1, ranking[0]);
        Assert.Equal(3, ranking[^1]);
        Assert.Equal(["X1", "X2", "X3", "Random"], ours.Labels!.FeatureNames!);

        var theirs = data.Ml.Regression.PermutationFeatureImportance(fitted.LastTransformer, fitted.Transform(data.Data), "Label", permutationCount: 10);
        for (int i = 0; i < 4; i++)
        {
            double mean = -theirs[i].RSquared.Mean, error = theirs[i].RSquared.StandardError;
            double tolerance = 3 * Math.Sqrt(error * error + ours.StandardError![i] * ours.StandardError[i]) + 1e-6;
            Assert.True(Math.Abs(mean - ours.Importance[i]) <= tolerance, $"feature {i}: ours {ours.Importance[i]} ± {ours.StandardError[i]}, ML.NET {mean} ± {error}");
        }
    }

    [Fact]
    public async Task BinaryAucAndAccuracyRankTheInformativeColumnsAboveTheRandomOne()
    {
        var data = new LinearData(600, seed: 7);
        using var model = data.Model(binary: true);
        foreach (var (metric, threshold) in new[] { (ImportanceMetric.Auc, 0.0), (ImportanceMetric.Accuracy, 0.0), (ImportanceMetric.Auto, 0.0) })
        {
            var e = await new PermutationFeatureImportance(new PermutationFeatureImportanceOptions { Metric = metric, Threshold = threshold, Repeats = 3 })
                .ExplainAsync(new GlobalImportanceRequest { Model = model, Data = data.X, Labels = data.Classes });
            Assert.Equal(1, Array.IndexOf(e.Importance, e.Importance.Max()));
            Assert.Equal(metric == ImportanceMetric.Accuracy ? "accuracy" : "auc", e.Metric);
        }
    }

    private sealed class SyncProgress(List<double> into) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (into) into.Add(value);
        }
    }
}
