using Interp.Explainers;
using Interp.Explainers.Attribution.TreeShap;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Trees;
using Xunit;

namespace Interp.Tests.TreeShap;

/// <summary>Interventional TreeSHAP against brute-force exact Shapley values with the same background; probability space; bad input.</summary>
public sealed class TreeShapInterventionalTests
{
    [Theory]
    [InlineData(21, 3, 3, 4)]
    [InlineData(22, 5, 2, 5)]
    [InlineData(23, 2, 4, 3)]
    public void RawValuesEqualBruteForceShapleyOverTheBackground(int seed, int trees, int depth, int features)
    {
        var ensemble = RandomTrees.Ensemble(seed, trees, depth, features, outputs: 2);
        var background = RandomTrees.Rows(seed + 1, 7, features);
        var rows = RandomTrees.Rows(seed + 2, 6, features);
        var shap = new InterventionalTreeShap(ensemble, background);
        var phi = shap.ShapValues(rows, threads: 2);
        for (int r = 0; r < 6; r++)
        {
            for (int o = 0; o < 2; o++)
            {
                var expected = BruteForceShapley.Values(features, s => Hybrid(ensemble, rows, background, r, s, features, raw: true, o));
                ShapAssert.Close(expected, phi.AsSpan(((r * 2) + o) * features, features).ToArray(), $"row {r} output {o}", 1e-9, 1e-9);
            }
        }

        Assert.True(ShapAssert.EfficiencyGapAgainstMean(shap.ExpectedValues, phi, ensemble, rows) <= 1e-9);
    }

    [Fact]
    public void ProbabilityValuesEqualBruteForceShapleyOfTheSigmoid()
    {
        int features = 4;
        var ensemble = RandomTrees.Ensemble(31, 4, 3, features) with { Link = new OutputLink(LinkFunction.Logistic) };
        var background = RandomTrees.Rows(32, 5, features);
        var rows = RandomTrees.Rows(33, 5, features);
        var phi = new InterventionalTreeShap(ensemble, background).ProbabilityValues(rows, out var baseValue);
        for (int r = 0; r < 5; r++)
        {
            var expected = BruteForceShapley.Values(features, s => Hybrid(ensemble, rows, background, r, s, features, raw: false, 0));
            ShapAssert.Close(expected, phi.AsSpan(r * features, features).ToArray(), $"row {r}", 1e-9, 1e-9);
            var p = new double[1];
            ensemble.Predict(rows.AsSpan(r * features, features), p);
            Assert.Equal(p[0], baseValue + phi.AsSpan(r * features, features).ToArray().Sum(), 9);
        }
    }

    [Fact]
    public async Task EmptyOrWrongWidthBackgroundAndPathDependentProbabilityAreClearErrors()
    {
        var ensemble = RandomTrees.Ensemble(41, 2, 2, 3);
        Assert.Contains("empty", Assert.Throws<InterpException>(() => new InterventionalTreeShap(ensemble, [])).Message);
        Assert.Contains("whole rows", Assert.Throws<InterpException>(() => new InterventionalTreeShap(ensemble, new double[7])).Message);

        var model = LightGbmModel.FromString(Interp.Trees.LightGbm.LightGbmTextWriter.Write(ensemble));
        var data = new NdArray<double>(RandomTrees.Rows(42, 2, 3), 2, 3);
        var shap = new Interp.Explainers.Attribution.TreeShap.TreeShap(new TreeShapOptions { FeaturePerturbation = "interventional" });
        var wrongWidth = new ShapRequest { Model = model, Data = data, Background = new NdArray<double>(new double[8], 2, 4) };
        Assert.Contains("background set has shape [2,4]", (await Assert.ThrowsAsync<InterpException>(() => shap.ExplainAsync(wrongWidth))).Message);
        var empty = new ShapRequest { Model = model, Data = data, Background = new NdArray<double>([], 0, 3) };
        Assert.Contains("background set is empty", (await Assert.ThrowsAsync<InterpException>(() => shap.ExplainAsync(empty))).Message);
        var missing = new ShapRequest { Model = model, Data = data };
        Assert.Contains("needs a background set", (await Assert.ThrowsAsync<InterpException>(() => shap.ExplainAsync(missing))).Message);

        var options = new TreeShapOptions { FeaturePerturbation = "tree_path_dependent", ModelOutput = "probability" };
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("probability output needs interventional SHAP", StringComparison.Ordinal));
        var pathDependent = new Interp.Explainers.Attribution.TreeShap.TreeShap(new TreeShapOptions { ModelOutput = "probability" });
        Assert.Contains("probability output needs interventional SHAP", (await Assert.ThrowsAsync<InterpException>(() => pathDependent.ExplainAsync(missing))).Message);
    }

    /// <summary>The model on the hybrid row: players in the coalition from the row, the rest from each background row, averaged.</summary>
    private static double Hybrid(TreeEnsemble ensemble, double[] rows, double[] background, int r, int coalition, int f, bool raw, int output)
    {
        int n = background.Length / f;
        var hybrid = new double[f];
        var result = new double[ensemble.OutputCount];
        double sum = 0;
        for (int b = 0; b < n; b++)
        {
            for (int j = 0; j < f; j++) hybrid[j] = (coalition & (1 << j)) != 0 ? rows[(r * f) + j] : background[(b * f) + j];
            if (raw) ensemble.PredictRaw(hybrid, result);
            else ensemble.Predict(hybrid, result);
            sum += result[output];
        }

        return sum / n;
    }
}
