using System.Text.Json;
using Interp.Core.Inputs;
using Xunit;

namespace Interp.Tests.Cli;

/// <summary>The <c>interp</c> command end to end, always run from <c>/</c> to prove it works from any working directory.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void DoctorRunsATorchSharpBackwardPassInTheCliOutput()
    {
        var r = CliRunner.Run("/", "doctor");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("backward pass max error", r.Stdout);
        Assert.Contains("device: cpu", r.Stdout);
    }

    [Fact]
    public void ExplainersListShowsPacksAndPluginsWithTheirLevelsAndCapabilities()
    {
        var r = CliRunner.Run("/", "explainers", "list", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("alias").GetString()!);
        Assert.Equal("FeatureAblation", rows["feature-ablation"].GetProperty("name").GetString());
        Assert.Equal("local", rows["feature-ablation"].GetProperty("level").GetString());
        Assert.Equal("pack", rows["feature-ablation"].GetProperty("source").GetString());
        Assert.Equal("pack", rows["occlusion"].GetProperty("source").GetString());
        Assert.Equal("plugin", rows["lime"].GetProperty("source").GetString());
        Assert.Contains("IPredictor", rows["lime"].GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        var table = CliRunner.Run("/", "explainers", "list");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("feature-ablation", table.Stdout);
    }

    [Fact]
    public void AttributeWritesTheEnvelopeWithCaptumsNumbers()
    {
        var outFile = Path.Combine(_temp, "fa.json");
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--method", "feature-ablation",
            "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"), "--set", "Mask=grouped", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        var root = doc.RootElement;
        Assert.Equal("interp.explanation/1", root.GetProperty("schema").GetString());
        Assert.Equal("attribution", root.GetProperty("kind").GetString());
        Assert.Equal("local", root.GetProperty("level").GetString());
        Assert.Equal("FeatureAblation", root.GetProperty("method").GetString());
        Assert.Equal("Grouped", root.GetProperty("options").GetProperty("Mask").GetString());
        Assert.Equal(64, root.GetProperty("model").GetProperty("sha256").GetString()!.Length);
        Assert.True(root.TryGetProperty("quality", out _));
        Assert.True(root.TryGetProperty("labels", out _));
        using var expected = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("cnn_tiny", "expected.json")));
        var want = NestedArray.ReadFloat(expected.RootElement.GetProperty("methods").GetProperty("feature_ablation_grouped").GetProperty("attributions"), "expected");
        var got = NestedArray.ReadFloat(root.GetProperty("attributions"), "attributions");
        Assertions.Close(want, got, 1e-5, 1e-4, "CLI feature_ablation_grouped");
    }

    [Fact]
    public void OcclusionTakesListOptionsFromSet()
    {
        var r = CliRunner.Run("/", "attribute", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--method", "Occlusion",
            "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"), "--set", "SlidingWindowShapes=1,4,4", "--set", "Strides=1,2,2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal([1, 4, 4], doc.RootElement.GetProperty("options").GetProperty("SlidingWindowShapes").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Theory]
    [InlineData(2, "unknown explainer 'frobnicate'", "--method", "frobnicate")]
    [InlineData(2, "Stepz", "--method", "feature-ablation", "--set", "Stepz=3")]
    [InlineData(2, "PerturbationsPerEval", "--method", "feature-ablation", "--set", "PerturbationsPerEval=-4")]
    [InlineData(2, "Mask=grouped needs", "--method", "feature-ablation", "--set", "Mask=grouped", "--inputs", "MLP_NO_GROUPED")]
    public void ConfigurationErrorsExitTwoWithOneClearLine(int code, string message, params string[] extra)
    {
        var args = new List<string> { "attribute", "--model", TestPaths.Reference("mlp_tabular", "model.onnx") };
        if (!extra.Contains("--inputs")) args.AddRange(["--inputs", TestPaths.Reference("mlp_tabular", "inputs.json")]);
        foreach (var e in extra) args.Add(e == "MLP_NO_GROUPED" ? WriteInputs(new { inputs = new[] { new float[8] }, target = 0 }) : e);
        var r = CliRunner.Run("/", args.ToArray());
        Assert.Equal(code, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace without --verbose
    }

    [Fact]
    public void ParseErrorsExitTwo()
    {
        var r = CliRunner.Run("/", "attribute", "--model");
        Assert.Equal(2, r.ExitCode);
        var r2 = CliRunner.Run("/", "no-such-command");
        Assert.Equal(2, r2.ExitCode);
    }

    [Fact]
    public void MissingModelFileIsNamed()
    {
        var missing = Path.Combine(_temp, "nope.onnx");
        var r = Attribute(missing, TestPaths.Reference("mlp_tabular", "inputs.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(missing, r.Stderr);
        Assert.Contains("does not exist", r.Stderr);
    }

    [Fact]
    public void TruncatedModelFileIsACleanErrorAndLeavesNoOutput()
    {
        var bytes = File.ReadAllBytes(TestPaths.Reference("mlp_tabular", "model.onnx"));
        var truncated = Path.Combine(_temp, "truncated.onnx");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var outFile = Path.Combine(_temp, "out.json");
        var r = Attribute(truncated, TestPaths.Reference("mlp_tabular", "inputs.json"), "--out", outFile);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(truncated, r.Stderr);
        Assert.Contains("not a valid ONNX model", r.Stderr);
        Assert.False(File.Exists(outFile));
        Assert.Empty(Directory.GetFiles(_temp, "*.tmp"));
    }

    [Fact]
    public void GarbageModelFileIsACleanError()
    {
        var garbage = Path.Combine(_temp, "garbage.onnx");
        File.WriteAllText(garbage, "this is not a protobuf");
        var r = Attribute(garbage, TestPaths.Reference("mlp_tabular", "inputs.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not a valid ONNX model", r.Stderr);
    }

    [Fact]
    public void WrongInputShapeNamesTheFieldAndTheExpectedShape()
    {
        var inputs = WriteInputs(new { inputs = new[] { new float[5] }, target = 2 });
        var r = Attribute(TestPaths.Reference("mlp_tabular", "model.onnx"), inputs);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("inputs", r.Stderr);
        Assert.Contains("[8]", r.Stderr);
        Assert.Contains("[5]", r.Stderr);
    }

    [Fact]
    public void NonFiniteInputsAreRejectedUnlessAllowed()
    {
        var inputs = Path.Combine(_temp, "nan.json");
        File.WriteAllText(inputs, """{ "inputs": [[0, 1, null, 3, 4, 5, 6, 7]], "target": 2 }""");
        var r = Attribute(TestPaths.Reference("mlp_tabular", "model.onnx"), inputs);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("NaN", r.Stderr);
        Assert.Contains("element 2", r.Stderr);
        var allowed = Attribute(TestPaths.Reference("mlp_tabular", "model.onnx"), inputs, "--set", "AllowNonFinite=true");
        Assert.True(allowed.ExitCode == 0, allowed.Stderr);
    }

    [Fact]
    public void TargetOutOfRangeIsNamed()
    {
        var r = Attribute(TestPaths.Reference("mlp_tabular", "model.onnx"), TestPaths.Reference("mlp_tabular", "inputs.json"), "--target", "7");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("target 7 is out of range", r.Stderr);
        Assert.Contains("3 values", r.Stderr);
    }

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        var r = Attribute(Path.Combine(_temp, "nope.onnx"), TestPaths.Reference("mlp_tabular", "inputs.json"), "--verbose");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("   at ", r.Stderr);
    }

    private CliRunner.Result Attribute(string model, string inputs, params string[] extra) =>
        CliRunner.Run("/", ["attribute", "--model", model, "--method", "feature-ablation", "--inputs", inputs, .. extra]);

    private string WriteInputs(object value)
    {
        var path = Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(value));
        return path;
    }
}
