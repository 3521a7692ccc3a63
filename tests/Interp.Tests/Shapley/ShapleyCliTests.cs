using System.Text.Json;
using Interp.Core.Inputs;
using Interp.Tests.Cli;
using Xunit;

namespace Interp.Tests.Shapley;

/// <summary><c>interp attribute --method kernel-shap|exact-shap</c> on a reference ONNX model equals <c>shapley_exact</c>.</summary>
public sealed class ShapleyCliTests
{
    [Theory]
    [InlineData("kernel-shap")]
    [InlineData("exact-shap")]
    public void AttributeEqualsShapleyExact(string method)
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--method", method,
            "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        using var c = new ReferenceCase("cnn_tiny");
        var got = NestedArray.ReadFloat(doc.RootElement.GetProperty("attributions"), "attributions");
        Assertions.Close(ReferenceCase.Floats(c.Method("shapley_exact").GetProperty("attributions")), got, ShapleyChecks.Abs, ShapleyChecks.Rel, $"CLI {method}");
    }

    [Fact]
    public void TooManyPlayersExitTwoAndSuggestAlternatives()
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--method", "exact-shap",
            "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"), "--set", "Mask=none");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("kernel-shap", r.Stderr);
    }
}
