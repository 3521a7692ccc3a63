using Interp.Explainers.Models;
using Interp.Trees;
using Interp.Trees.LightGbm;
using Interp.Trees.Native;
using Xunit;

namespace Interp.Tests.Trees;

/// <summary>The text-format reader and the managed traversal against native LightGBM (LGBM_BoosterPredictForMat).</summary>
public sealed class LightGbmNativeParityTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void BinaryRawScoresEqualNativeLightGbm()
    {
        var (data, text) = NativeLightGbm.Binary;
        var model = LightGbmModel.FromString(text);
        var trees = model.Ensemble.Trees;
        Assert.Equal(30, trees.Count);
        // The model exercises what the reader must get right: categorical bitsets, NaN missing values sent both ways.
        Assert.Contains(trees, t => Enumerable.Range(0, t.NodeCount).Any(n => t.KindAt(n) == SplitKind.CategorySet));
        Assert.Contains(trees, t => Enumerable.Range(0, t.NodeCount).Any(n => t.MissingTypeAt(n) == MissingValueType.NaN && t.DefaultLeft![n]));
        Assert.Contains(trees, t => Enumerable.Range(0, t.NodeCount).Any(n => t.MissingTypeAt(n) == MissingValueType.NaN && !t.DefaultLeft![n]));

        using var native = LightGbmBooster.FromModelString(text);
        var rows = Rows(data, new AdultData("income", 1500, skip: 5000).WithMissing(0.15, 9, "age", "hours-per-week", "fnlwgt"));
        AssertClose(native.Predict(rows, LightGbmPredictType.RawScore), model.PredictRaw(rows), "raw score");
        AssertClose(native.Predict(rows, LightGbmPredictType.Normal), model.PredictTransformed(rows), "probability");
        Assert.Equal(LinkFunction.Logistic, model.Ensemble.Link.Function);
    }

    [Fact]
    public void MulticlassRawScoresEqualNativeLightGbm()
    {
        var (data, text) = NativeLightGbm.Multiclass;
        var model = LightGbmModel.FromString(text);
        Assert.Equal(6, model.Ensemble.OutputCount);
        Assert.Equal(8 * 6, model.Ensemble.Trees.Count);
        Assert.Equal(Enumerable.Range(0, 48).Select(i => i % 6), model.Ensemble.Trees.Select(t => t.OutputIndex));
        Assert.Contains(model.Ensemble.Trees, t => Enumerable.Range(0, t.NodeCount).Any(n => t.MissingTypeAt(n) == MissingValueType.Zero));

        using var native = LightGbmBooster.FromModelString(text);
        var rows = Rows(data, new AdultData("relationship", 1000, skip: 4000).WithMissing(0.15, 3, "age", "education-num"));
        AssertClose(native.Predict(rows, LightGbmPredictType.RawScore), model.PredictRaw(rows), "raw score");
        AssertClose(native.Predict(rows, LightGbmPredictType.Normal), model.PredictTransformed(rows), "softmax");
    }

    [Fact]
    public void CountsAreReadAndRoutingTheTrainingDataReproducesThem()
    {
        var (data, text) = NativeLightGbm.Binary;
        var read = LightGbmTextReader.Parse(text).Ensemble;
        var routed = TreeCovers.Compute(read, data.X);
        for (int t = 0; t < read.Trees.Count; t++)
        {
            Assert.Equal(read.Trees[t].LeafCover, routed.Trees[t].LeafCover);
            Assert.Equal(read.Trees[t].InternalCover, routed.Trees[t].InternalCover);
        }
    }

    internal static double[] Rows(AdultData train, AdultData heldOut) => [.. train.X, .. heldOut.X];

    internal static void AssertClose(double[] expected, double[] actual, string what, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            if (d > worst || double.IsNaN(d))
            {
                worst = double.IsNaN(d) ? double.PositiveInfinity : d;
                at = i;
            }
        }

        Assert.True(worst <= tolerance, $"{what}: max |difference| {worst:G3} at {at} (expected {expected[at]:R}, got {actual[at]:R}; tolerance {tolerance}).");
    }
}
