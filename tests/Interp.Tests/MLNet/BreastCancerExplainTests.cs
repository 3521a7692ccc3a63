using Interp.Explainers.Attribution.KernelShap;
using Interp.Explainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.MLNet;

/// <summary>
/// Breast cancer (binary, 30 features): an L-BFGS logistic regression after mean-variance normalisation. LinearShap's
/// columns add up to ML.NET's Score (the margin); KernelShap, which only calls the model, reproduces LinearShap against
/// the same background (the margin is additive, so the Shapley-kernel regression is exact); TreeShap on FastTree adds up
/// to its Score too.
/// </summary>
public sealed class BreastCancerExplainTests(ITestOutputHelper output)
{
    [Fact]
    public void LinearShapAddsUpAndKernelShapAgreesWithIt()
    {
        var ml = new MLContext(seed: 5);
        var data = TabularFiles.BreastCancer(ml);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 5);
        var model = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(split.TrainSet);
        var background = ml.Data.TakeRows(split.TrainSet, 40);
        var test = ml.Data.TakeRows(split.TestSet, 25);

        var linear = ml.Explain().LinearShap(model, new LinearShapEstimatorOptions { Background = background }).Fit(split.TrainSet);
        var kernel = ml.Explain().KernelShap(model, background, new KernelShapEstimatorOptions
        {
            OutputColumnName = "KernelShap",
            BaseValueColumnName = "KernelBase",
            WindowRows = 7,
            Explainer = new KernelShapOptions { Seed = 1 },
        }).Fit(split.TrainSet);
        var explained = kernel.Transform(linear.Transform(model.Transform(test)));

        var score = ExplainColumns.Scalars(explained, "Score");
        var phi = ExplainColumns.Vectors(explained, "Shap");
        var bases = ExplainColumns.Scalars(explained, "ShapBase");
        var kphi = ExplainColumns.Vectors(explained, "KernelShap");
        var kbases = ExplainColumns.Scalars(explained, "KernelBase");
        Assert.Equal(ExplainColumns.SlotNames(explained, "Shap"), ExplainColumns.SlotNames(explained, "KernelShap"));
        double linearGap = 0, kernelGap = 0, diff = 0;
        for (int r = 0; r < score.Length; r++)
        {
            linearGap = Math.Max(linearGap, ExplainColumns.Relative(phi[r].Sum(v => (double)v) + bases[r], score[r]));
            kernelGap = Math.Max(kernelGap, ExplainColumns.Relative(kphi[r].Sum(v => (double)v) + kbases[r], score[r]));
            Assert.Equal(bases[r], kbases[r], 1e-4);
            double scale = Math.Max(1, phi[r].Max(v => Math.Abs(v)));
            for (int j = 0; j < phi[r].Length; j++) diff = Math.Max(diff, Math.Abs(phi[r][j] - kphi[r][j]) / scale);
        }

        output.WriteLine($"{score.Length} rows: efficiency LinearShap {linearGap:G3}, KernelShap {kernelGap:G3}; max |KernelShap − LinearShap| / max|φ| {diff:G3}");
        Assert.True(linearGap <= 1e-5, $"LinearShap efficiency {linearGap}");
        Assert.True(kernelGap <= 1e-5, $"KernelShap efficiency {kernelGap}");
        Assert.True(diff <= 1e-4, $"KernelShap vs LinearShap {diff}");
    }

    [Fact]
    public void TreeShapOnFastTreeAddsUpToTheScore()
    {
        var ml = new MLContext(seed: 5);
        var data = TabularFiles.BreastCancer(ml);
        var model = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfTrees = 40, NumberOfLeaves = 8 }).Fit(data);
        var explained = ml.Explain().TreeShap(model).Fit(data).Transform(model.Transform(data));
        var score = ExplainColumns.Scalars(explained, "Score");
        var phi = ExplainColumns.Vectors(explained, "Shap");
        var bases = ExplainColumns.Scalars(explained, "ShapBase");
        Assert.Equal(30, phi[0].Length);
        double gap = Enumerable.Range(0, score.Length).Max(r => ExplainColumns.Relative(phi[r].Sum(v => (double)v) + bases[r], score[r]));
        output.WriteLine($"{score.Length} rows: max relative efficiency gap {gap:G3}");
        Assert.True(gap <= 1e-5, $"efficiency {gap}");
    }
}
