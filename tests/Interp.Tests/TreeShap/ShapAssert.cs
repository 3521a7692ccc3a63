using Interp.Explainers.Attribution.TreeShap;
using Interp.Explainers.Models;
using Xunit;

namespace Interp.Tests.TreeShap;

/// <summary>Comparisons shared by the TreeSHAP tests.</summary>
internal static class ShapAssert
{
    /// <summary>Max |expected − actual| after checking every entry within abs + rel·|expected|.</summary>
    public static double Close(double[] expected, double[] actual, string what, double abs = 1e-6, double rel = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            Assert.True(d <= abs + (rel * Math.Abs(expected[i])), $"{what}: entry {i} expected {expected[i]:R}, got {actual[i]:R}");
            worst = Math.Max(worst, d);
        }

        return worst;
    }

    /// <summary>Ours in native LightGBM's contribution layout: per row and output, the players then the base value.</summary>
    public static double[] AsNativeLayout(TreeShapCalculator shap, double[] phi, int rows)
    {
        int k = shap.Ensemble.OutputCount, p = shap.Players.Count;
        var result = new double[rows * k * (p + 1)];
        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < k; o++)
            {
                int to = ((r * k) + o) * (p + 1);
                Array.Copy(phi, ((r * k) + o) * p, result, to, p);
                result[to + p] = shap.ExpectedValues[o];
            }
        }

        return result;
    }

    /// <summary>Max |Σφ + base − raw score| over rows and outputs (players = features).</summary>
    public static double EfficiencyGap(TreeShapCalculator shap, double[] phi, ReadOnlySpan<double> rows) =>
        EfficiencyGapAgainstMean(shap.ExpectedValues, phi, shap.Ensemble, rows);

    /// <summary>Max |Σφ + base − raw score| for values given with their base values (interventional).</summary>
    public static double EfficiencyGapAgainstMean(IReadOnlyList<double> baseValues, double[] phi, TreeEnsemble e, ReadOnlySpan<double> rows)
    {
        int n = rows.Length / e.FeatureCount, k = e.OutputCount, p = e.FeatureCount;
        var raw = new double[k];
        double worst = 0;
        for (int r = 0; r < n; r++)
        {
            e.PredictRaw(rows.Slice(r * e.FeatureCount, e.FeatureCount), raw);
            for (int o = 0; o < k; o++)
            {
                double sum = baseValues[o];
                for (int j = 0; j < p; j++) sum += phi[(((r * k) + o) * p) + j];
                worst = Math.Max(worst, Math.Abs(sum - raw[o]));
            }
        }

        return worst;
    }

    public static TreeEnsemble Ensemble(string lightGbmText) => Interp.Trees.LightGbmModel.FromString(lightGbmText).Ensemble;
}
