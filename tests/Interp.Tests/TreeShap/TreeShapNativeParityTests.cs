using Interp.Explainers.Attribution.TreeShap;
using Interp.Tests.Trees;
using Interp.Trees.Native;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.TreeShap;

/// <summary>Path-dependent TreeSHAP against native LightGBM's own SHAP (predict_type 3) on models trained natively on Adult.</summary>
public sealed class TreeShapNativeParityTests(ITestOutputHelper output)
{
    [Fact]
    public void BinaryWithMissingValuesAndCategoricalSplitsEqualsNativeShap()
    {
        var (data, text) = NativeLightGbm.Binary;
        var rows = LightGbmNativeParityTests.Rows(new AdultData("income", 300, skip: 100), new AdultData("income", 300, skip: 5000).WithMissing(0.15, 9, "age", "hours-per-week", "fnlwgt"));
        Compare(text, rows, "binary");
        Assert.NotNull(data);
    }

    [Fact]
    public void MulticlassWithZeroAsMissingEqualsNativeShapPerClass()
    {
        var (_, text) = NativeLightGbm.Multiclass;
        var rows = new AdultData("relationship", 400, skip: 4000).WithMissing(0.15, 3, "age", "education-num").X;
        Compare(text, rows, "multiclass");
    }

    private void Compare(string text, double[] rows, string what)
    {
        var shap = new TreeShapCalculator(ShapAssert.Ensemble(text));
        using var native = LightGbmBooster.FromModelString(text);
        int n = rows.Length / shap.Ensemble.FeatureCount;
        var phi = shap.ShapValues(rows);
        double diff = ShapAssert.Close(native.Predict(rows, LightGbmPredictType.Contributions, "num_threads=1"), ShapAssert.AsNativeLayout(shap, phi, n), what);
        double gap = ShapAssert.EfficiencyGap(shap, phi, rows);
        output.WriteLine($"{what}: {n} rows, max |ours - native SHAP| {diff:G3}, max efficiency gap {gap:G3}");
        Assert.True(gap <= 1e-6, $"efficiency gap {gap}");
        Assert.Equal(phi, shap.ShapValues(rows, threads: 2));
    }
}
