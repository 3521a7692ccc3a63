using Interp.Explainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.MLNet;

/// <summary>
/// Penguins (3 species, NA cells in numbers and in sex): one-hot island and sex + numerics → multiclass LightGBM
/// (softmax) in ML.NET. TreeShap appends classes × players values and a base value per class; per class the values add
/// up to the raw score, checked through ML.NET's own Score column: softmax over classes of (Σ values + base) = Score.
/// </summary>
public sealed class PenguinsExplainTests(ITestOutputHelper output)
{
    [Fact]
    public void PerClassValuesAddUpToTheClassScores()
    {
        var ml = new MLContext(seed: 3);
        var data = TabularFiles.Penguins(ml);
        var model = ml.Transforms.Categorical.OneHotEncoding([new InputOutputColumnPair("island"), new InputOutputColumnPair("sex")])
            .Append(ml.Transforms.Concatenate("Features", [.. TabularFiles.PenguinNumeric, "island", "sex"]))
            .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { NumberOfIterations = 10, NumberOfLeaves = 6, MinimumExampleCountPerLeaf = 5, UseSoftmax = true, NumberOfThreads = 1 }))
            .Fit(data);
        var shap = ml.Explain().TreeShap(model, new TreeShapEstimatorOptions { WindowRows = 100 }).Fit(data);
        var explained = shap.Transform(model.Transform(data));

        Assert.Equal(3, ((VectorDataViewType)explained.Schema["ShapBase"].Type).Size);
        var baseNames = ExplainColumns.SlotNames(explained, "ShapBase");
        Assert.Equal(["Adelie", "Gentoo", "Chinstrap"], baseNames);
        var slotNames = ExplainColumns.SlotNames(explained, "Shap");
        int players = slotNames.Length / 3;
        Assert.Equal(slotNames.Length, players * 3);
        Assert.All(Enumerable.Range(0, slotNames.Length), i => Assert.StartsWith(baseNames[i / players] + ":", slotNames[i]));
        Assert.Contains("Gentoo:bill_length_mm", slotNames);

        var values = ExplainColumns.Vectors(explained, "Shap");
        var bases = ExplainColumns.Vectors(explained, "ShapBase");
        var scores = ExplainColumns.Vectors(explained, "Score");
        var x = ExplainColumns.Vectors(explained, "Features");
        Assert.Contains(x, row => row.Any(float.IsNaN));
        double gap = 0;
        for (int r = 0; r < values.Length; r++)
        {
            var raw = Enumerable.Range(0, 3).Select(k => values[r].Skip(k * players).Take(players).Sum(v => (double)v) + bases[r][k]).ToArray();
            double max = raw.Max();
            var exp = raw.Select(v => Math.Exp(v - max)).ToArray();
            for (int k = 0; k < 3; k++) gap = Math.Max(gap, Math.Abs((exp[k] / exp.Sum()) - scores[r][k]));
        }

        output.WriteLine($"{values.Length} rows, {players} players per class: max |softmax(Σ Shap + ShapBase) − Score| = {gap:G3}");
        Assert.True(gap <= 1e-5, $"per-class efficiency gap {gap}");
    }
}
