using System.Text.Json;
using Xunit;

namespace Interp.Tests.Cli;

/// <summary><c>interp attribute --quality</c>: metrics computed after the explanation and written into its envelope.</summary>
public sealed class QualityCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-quality-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void QualityAllWritesEveryMetricPerExampleAndTheCurves()
    {
        var outFile = Path.Combine(_temp, "fa.json");
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("mlp_tabular", "model.onnx"), "--method", "feature-ablation",
            "--inputs", TestPaths.Reference("mlp_tabular", "inputs.json"), "--quality", "all", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        var quality = doc.RootElement.GetProperty("quality");
        foreach (var name in new[] { "infidelity", "sensitivity_max", "deletion_auc", "insertion_auc" })
        {
            Assert.Equal(3, quality.GetProperty(name).GetArrayLength());
            Assert.All(quality.GetProperty(name).EnumerateArray(), v => Assert.True(double.IsFinite(v.GetDouble())));
        }

        var curve = doc.RootElement.GetProperty("extras").GetProperty("deletion_curve");
        Assert.Equal(3, curve.GetArrayLength());
        Assert.Equal(9, curve[0].GetArrayLength()); // 8 features: 9 points
    }

    [Fact]
    public void AnUnknownMetricIsAUsageError()
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("mlp_tabular", "model.onnx"), "--method", "feature-ablation",
            "--inputs", TestPaths.Reference("mlp_tabular", "inputs.json"), "--quality", "infidelity,faithfulness");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("faithfulness", r.Stderr);
    }
}
