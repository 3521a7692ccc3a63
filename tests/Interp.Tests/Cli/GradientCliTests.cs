using System.Text.Json;
using Interp.Core.Inputs;
using Xunit;

namespace Interp.Tests.Cli;

/// <summary>Gradient and layer methods through <c>interp attribute</c> on .onnx (imported) and TorchScript .pt.</summary>
public sealed class GradientCliTests
{
    [Theory]
    [InlineData("model.onnx")]
    [InlineData("model.pt")]
    public void IntegratedGradientsWithSetOptionsMatchesCaptum(string file)
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("mlp_tabular", file), "--method", "integrated-gradients",
            "--inputs", TestPaths.Reference("mlp_tabular", "inputs.json"), "--set", "Rule=riemann_trapezoid", "--set", "Steps=50");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        using var expected = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("mlp_tabular", "expected.json")));
        var want = NestedArray.ReadFloat(expected.RootElement.GetProperty("methods").GetProperty("ig_riemann_trapezoid").GetProperty("attributions"), "expected");
        Assertions.Close(want, NestedArray.ReadFloat(doc.RootElement.GetProperty("attributions"), "attributions"), 1e-5, 1e-4, $"CLI IG on {file}");
        Assert.Equal(3, doc.RootElement.GetProperty("convergence_delta").GetArrayLength());
        Assert.Equal(3, doc.RootElement.GetProperty("quality").GetProperty("completeness_gap").GetArrayLength());
    }

    [Fact]
    public void LayerMethodTakesLayer()
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--method", "layer-grad-cam",
            "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"), "--layer", "/0/Conv_output_0");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var attributions = NestedArray.ReadFloat(doc.RootElement.GetProperty("attributions"), "attributions");
        Assert.Equal([3, 1, 8, 8], attributions.ShapeArray);
    }

    [Fact]
    public void UnknownLayerListsTheClosestNames()
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--method", "layer-grad-cam",
            "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"), "--layer", "/0/Conv_outptu_0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Closest: /0/Conv_output_0", r.Stderr);
    }

    [Fact]
    public void ARuleBasedMethodOnTorchScriptNamesTheCapabilityAndSuggestsAnotherMethod()
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("cnn_tiny", "model.pt"), "--method", "guided-backprop",
            "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("IBackwardRules", r.Stderr);
        Assert.Contains("feature-ablation", r.Stderr);
    }

    [Theory]
    [InlineData("Steps=0", "Steps")]
    [InlineData("Rule=simpson", "simpson")]
    public void BadPathOptionsAreUsageErrors(string set, string named)
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("mlp_tabular", "model.onnx"), "--method", "integrated-gradients",
            "--inputs", TestPaths.Reference("mlp_tabular", "inputs.json"), "--set", set);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Stderr);
    }

    [Fact]
    public void BaselinesThatDoNotBroadcastAreNamed()
    {
        var inputs = Path.Combine(Path.GetTempPath(), $"bad-baselines-{Guid.NewGuid():N}.json");
        File.WriteAllText(inputs, """{ "inputs": [[0,1,2,3,4,5,6,7]], "baselines": [[0,1,2]], "target": 2 }""");
        try
        {
            var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("mlp_tabular", "model.onnx"), "--method", "integrated-gradients", "--inputs", inputs);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("baselines", r.Stderr);
            Assert.Contains("[1,3]", r.Stderr);
        }
        finally
        {
            File.Delete(inputs);
        }
    }
}
