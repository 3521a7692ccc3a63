using Xunit;

namespace Interp.Tests.Cli;

/// <summary><c>interp verify-model</c>: ONNX Runtime and the imported model side by side.</summary>
public sealed class VerifyModelCliTests
{
    [Fact]
    public void ReferenceModelNodeByNodeIsWithinTolerance()
    {
        var r = CliRunner.Run("/", "verify-model", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--inputs", TestPaths.Reference("cnn_tiny", "inputs.json"), "--nodes");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("/0/Conv_output_0", r.Stdout);
        Assert.Contains("OK: 5 value(s)", r.Stdout);
    }

    [Fact]
    public void SqueezeNetWithRandomInputsPassesAndAnImpossibleToleranceFails()
    {
        var model = Path.Combine(TestPaths.Shared, "data", "squeezenet1.0-fp16", "squeezenet1.0_fp16.onnx");
        var ok = CliRunner.Run("/", "verify-model", "--model", model);
        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
        Assert.Contains("softmaxout_1", ok.Stdout);
        var strict = CliRunner.Run("/", "verify-model", "--model", model, "--tolerance", "1e-12");
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("FAILED", strict.Stdout);
    }

    [Fact]
    public void BadToleranceIsAUsageError()
    {
        var r = CliRunner.Run("/", "verify-model", "--model", TestPaths.Reference("cnn_tiny", "model.onnx"), "--tolerance", "5");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void TruncatedModelExitsOneWithTheFileNamed()
    {
        var bytes = File.ReadAllBytes(TestPaths.Reference("cnn_tiny", "model.onnx"));
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var r = CliRunner.Run("/", "verify-model", "--model", path);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains(path, r.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
