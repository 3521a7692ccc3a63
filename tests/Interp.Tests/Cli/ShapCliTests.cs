using System.Globalization;
using System.Text;
using System.Text.Json;
using Interp.Core.Inputs;
using Interp.Tests.Trees;
using Interp.Tests.TreeShap;
using Interp.Trees.Native;
using Xunit;

namespace Interp.Tests.Cli;

/// <summary><c>interp shap</c> end to end from <c>/</c>: the envelope against native LightGBM's SHAP, shapes, bad input.</summary>
public sealed class ShapCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-shap-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void BinaryEnvelopeEqualsNativeShapAndTheCsvIsWrittenBeside()
    {
        var (model, data, rows) = Files(NativeLightGbm.Binary.Model, "income", 60);
        var outFile = Path.Combine(_temp, "shap.json");
        var r = CliRunner.Run("/", "shap", "--model", model, "--data", data, "--label", "income", "--explainer", "tree", "--out", outFile, "--csv");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        var root = doc.RootElement;
        Assert.Equal("shap", root.GetProperty("kind").GetString());
        Assert.Equal("TreeShap", root.GetProperty("method").GetString());
        Assert.Equal(14, root.GetProperty("feature_names").GetArrayLength());
        var phi = NestedArray.ReadFloat(root.GetProperty("shap_values"), "shap_values");
        var baseValues = NestedArray.ReadFloat(root.GetProperty("base_values"), "base_values");
        Assert.Equal([60, 14], phi.Shape);
        Assert.Equal([60], baseValues.Shape);
        using var native = LightGbmBooster.FromModelString(NativeLightGbm.Binary.Model);
        var expected = native.Predict(rows, LightGbmPredictType.Contributions);
        var ours = new double[expected.Length];
        for (int i = 0; i < 60; i++)
        {
            for (int j = 0; j < 14; j++) ours[(i * 15) + j] = phi.Data[(i * 14) + j];
            ours[(i * 15) + 14] = baseValues.Data[i];
        }

        ShapAssert.Close(expected, ours, "CLI vs native", abs: 1e-5);   // NestedArray reads floats
        Assert.True(File.Exists(Path.ChangeExtension(outFile, ".csv")));
        Assert.Equal(61, File.ReadAllLines(Path.ChangeExtension(outFile, ".csv")).Length);
    }

    [Fact]
    public void MulticlassHasAClassAxisAndInteractionsOnRequest()
    {
        var (model, data, _) = Files(NativeLightGbm.Multiclass.Model, "relationship", 8);
        var outFile = Path.Combine(_temp, "multi.json");
        var r = CliRunner.Run("/", "shap", "--model", model, "--data", data, "--label", "relationship", "--interactions", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        var root = doc.RootElement;
        Assert.Equal([8, 6, 13], NestedArray.ReadFloat(root.GetProperty("shap_values"), "shap_values").Shape);
        Assert.Equal([8, 6], NestedArray.ReadFloat(root.GetProperty("base_values"), "base_values").Shape);
        Assert.Equal([8, 6, 13, 13], NestedArray.ReadFloat(root.GetProperty("interaction_values"), "interaction_values").Shape);
        Assert.Equal([6, 13], NestedArray.ReadFloat(root.GetProperty("mean_abs_shap"), "mean_abs_shap").Shape);
    }

    [Fact]
    public void DisagreeingDataAndProbabilityInPathDependentModeAreClearErrors()
    {
        var (model, data, _) = Files(NativeLightGbm.Binary.Model, "income", 5);
        var lines = File.ReadAllLines(data);
        var noAge = Path.Combine(_temp, "noage.csv");
        File.WriteAllLines(noAge, lines.Select(l => string.Join(',', l.Split(',').Skip(1))));
        var r = CliRunner.Run("/", "shap", "--model", model, "--data", noAge);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no column 'age'", r.Stderr);

        var text = Path.Combine(_temp, "text.csv");
        File.WriteAllLines(text, [lines[0], "abc" + lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..]]);
        r = CliRunner.Run("/", "shap", "--model", model, "--data", text);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("'abc' is not a number", r.Stderr);

        r = CliRunner.Run("/", "shap", "--model", model, "--data", data, "--model-output", "probability");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("probability output needs interventional SHAP", r.Stderr);

        r = CliRunner.Run("/", "shap", "--model", model, "--data", data, "--label", "salary");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no label column 'salary'", r.Stderr);
    }

    private (string Model, string Data, double[] Rows) Files(string modelText, string label, int rows) => AdultCsvFiles.Write(_temp, modelText, label, rows);
}
