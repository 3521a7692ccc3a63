using System.Text.Json;
using Interp.Core.Inputs;
using Interp.Tests.Trees;
using Xunit;

namespace Interp.Tests.Cli;

/// <summary><c>interp attribute --data</c>: model-agnostic Shapley explainers on a tabular model's rows, efficient to float precision.</summary>
public sealed class AttributeTabularCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-attr-tab-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void KernelShapOnALightGbmModelIsEfficient()
    {
        var (model, data, _) = AdultCsvFiles.Write(_temp, NativeLightGbm.Binary.Model, "income", 12);
        var background = Path.Combine(_temp, "background.csv");
        File.WriteAllLines(background, File.ReadAllLines(data).Take(6));
        var outFile = Path.Combine(_temp, "kernel.json");
        var r = CliRunner.Run("/", "attribute", "--model", model, "--data", data, "--background", background, "--label", "income", "--method", "kernel-shap", "--set", "AllowNonFinite=true", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        var root = doc.RootElement;
        Assert.Equal("KernelShap", root.GetProperty("method").GetString());
        Assert.Equal([12, 14], NestedArray.ReadFloat(root.GetProperty("attributions"), "attributions").Shape);
        Assert.All(root.GetProperty("convergence_delta").EnumerateArray(), d => Assert.True(Math.Abs(d.GetDouble()) < 1e-4, $"efficiency gap {d}"));

        var bad = CliRunner.Run("/", "attribute", "--model", model, "--data", data, "--method", "tree-shap");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("interp shap", bad.Stderr);
    }
}
