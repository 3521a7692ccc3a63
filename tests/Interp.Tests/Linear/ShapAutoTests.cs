using System.Globalization;
using System.Text.Json;
using Interp.Explainers.Models;
using Interp.Tests.Cli;
using Xunit;

namespace Interp.Tests.Linear;

/// <summary><c>--explainer auto</c>: the chooser's rules, and <c>interp shap</c> on an ML.NET linear model from <c>/</c>.</summary>
public sealed class ShapAutoTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-auto-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void ChoosesLinearThenExactUpToFifteenPlayersThenPermutation()
    {
        var data = new LinearData(100, seed: 10);
        using var linear = data.Model(binary: false);
        Assert.Equal("LinearShap", ShapExplainerChooser.Choose(linear, 4).Explainer);
        using var f = new FunctionPredictor(4, x => x[0]);
        Assert.Equal("ExactShap", ShapExplainerChooser.Choose(f, 15).Explainer);
        Assert.Equal("PermutationShap", ShapExplainerChooser.Choose(f, 16).Explainer);
    }

    [Fact]
    public void CliAutoOnALinearModelSaysItChoseLinearShapAndIsEfficient()
    {
        var data = new LinearData(120, seed: 11);
        var model = Path.Combine(_temp, "linear.zip");
        data.Ml.Model.Save(data.Fit(binary: false), data.Data.Schema, model);
        var csv = Path.Combine(_temp, "rows.csv");
        File.WriteAllLines(csv, new[] { "X1,X2,X3,Random,Label,Positive" }.Concat(data.Rows.Take(20).Select(r =>
            string.Join(",", new[] { r.X1, r.X2, r.X3, r.Random, r.Label }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + (r.Positive ? ",true" : ",false"))));
        var outFile = Path.Combine(_temp, "auto.json");
        var r = CliRunner.Run("/", "shap", "--model", model, "--data", csv, "--label", "Label", "--explainer", "auto", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("auto: LinearShap", r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        Assert.Equal("LinearShap", doc.RootElement.GetProperty("method").GetString());
        var tree = CliRunner.Run("/", "shap", "--model", model, "--data", csv, "--explainer", "tree");
        Assert.Equal(1, tree.ExitCode);
        Assert.Contains("not a tree ensemble", tree.Stderr);
    }
}
