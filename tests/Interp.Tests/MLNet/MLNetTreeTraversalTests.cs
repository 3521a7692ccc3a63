using Interp.Explainers.Models;
using Interp.Tests.Trees;
using Xunit;

namespace Interp.Tests.MLNet;

/// <summary>Trees read from ML.NET models against ML.NET's own Score (and Probability) columns on Adult.</summary>
public sealed class MLNetTreeTraversalTests
{
    /// <summary>ML.NET sums in double and stores float: |ours − Score| ≤ 1e-6 · max(1, |Score|).</summary>
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Kinds() => [.. AdultModels.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TraversalReproducesTheScoreColumn(string kind)
    {
        var model = AdultModels.Get(kind);
        Assert.Equal(model.FeatureCount, model.Ensemble.FeatureCount);
        foreach (var data in new[] { AdultModels.Train, AdultModels.HeldOut })
        {
            var expected = AdultMLNet.Column(model.Transformer.Transform(data), "Score");
            var ours = RawScores(model.Ensemble, model.Featurize(data).Data);
            AssertScaledClose(expected, ours, $"{kind} raw score");
        }

        // The data really holds missing values, and the models send them somewhere: the check covers NaN routing.
        Assert.Contains(model.Featurize(AdultModels.HeldOut).Data, float.IsNaN);
        if (kind.StartsWith("lightgbm", StringComparison.Ordinal) || kind == "fasttree-binary")
        {
            Assert.Contains(model.Ensemble.Trees, t => Enumerable.Range(0, t.NodeCount).Any(n => t.KindAt(n) == SplitKind.OneHotSet) || kind == "lightgbm-regression");
        }
    }

    [Theory]
    [InlineData("fasttree-binary")]
    [InlineData("lightgbm-binary")]
    public void PlattLinkReproducesTheProbabilityColumn(string kind)
    {
        var model = AdultModels.Get(kind);
        Assert.Equal(LinkFunction.Logistic, model.Ensemble.Link.Function);
        var expected = AdultMLNet.Column(model.Transformer.Transform(AdultModels.HeldOut), "Probability");
        var x = model.Featurize(AdultModels.HeldOut).Data;
        int f = model.FeatureCount;
        var ours = new double[expected.Length];
        for (int r = 0; r < ours.Length; r++)
        {
            var p = new double[1];
            model.Ensemble.Predict(AdultMLNet.ToDouble(x[(r * f)..((r + 1) * f)]), p);
            ours[r] = p[0];
        }

        AssertScaledClose(expected, ours, $"{kind} probability");
    }

    [Fact]
    public void LightGbmModelsSendMissingValuesBothWays()
    {
        // With NaN in training, LightGBM learns default directions: some numeric nodes send NaN left, others right.
        var trees = AdultModels.Get("lightgbm-binary").Ensemble.Trees;
        var numeric = trees.SelectMany(t => Enumerable.Range(0, t.NodeCount).Where(n => t.KindAt(n) == SplitKind.Numeric).Select(n => t.DefaultLeft![n])).ToList();
        Assert.Contains(true, numeric);
        Assert.Contains(false, numeric);
    }

    [Fact]
    public void OneHotSetsKeepTheirSourceColumn()
    {
        var model = AdultModels.Get("fasttree-binary");
        var e = model.Ensemble;
        int sets = 0;
        foreach (var t in e.Trees)
        {
            for (int n = 0; n < t.NodeCount; n++)
            {
                if (t.KindAt(n) != SplitKind.OneHotSet) continue;
                sets++;
                var column = e.SourceColumns![t.CategoricalColumn![n]];
                Assert.Contains(column, AdultData.Categorical);
                Assert.All(t.CategoricalSets![n]!, s => Assert.StartsWith(column + ".", model.FeatureNames[s], StringComparison.Ordinal));
            }
        }

        Assert.True(sets > 0);
    }

    internal static double[] RawScores(TreeEnsemble ensemble, float[] features)
    {
        int f = ensemble.FeatureCount;
        int k = ensemble.OutputCount;
        var result = new double[features.Length / f * k];
        for (int r = 0; r < features.Length / f; r++)
        {
            ensemble.PredictRaw(AdultMLNet.ToDouble(features[(r * f)..((r + 1) * f)]), result.AsSpan(r * k, k));
        }

        return result;
    }

    internal static void AssertScaledClose(double[] expected, double[] actual, string what, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double excess = Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i]));
            if (!(excess <= worst))
            {
                worst = double.IsNaN(excess) ? double.PositiveInfinity : excess;
                at = i;
            }
        }

        Assert.True(worst <= tolerance, $"{what}: max scaled |difference| {worst:G3} at {at} (expected {expected[at]:R}, got {actual[at]:R}; tolerance {tolerance}).");
    }
}
