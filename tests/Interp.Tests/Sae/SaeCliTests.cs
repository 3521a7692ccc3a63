using System.Text.Json;
using Interp.Tests.Cli;
using Xunit;

namespace Interp.Tests.Sae;

/// <summary>
/// <c>interp sae collect</c> then <c>interp sae train</c> on stories260K: a store, an SAE file and its training curves as an
/// envelope that <c>interp report</c> renders.
/// </summary>
public sealed class SaeCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-sae-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void CollectTrainAndReportTheCurves()
    {
        var model = Path.Combine(TestPaths.Shared, "data", "stories260K", "stories260K.bin");
        var text = Path.Combine(TestPaths.Shared, "data", "text", "tinystories_sample_197k.txt");
        var store = Path.Combine(_temp, "store");
        var r = CliRunner.Run("/", "sae", "collect", "--model", model, "--hook", "blocks.1.hook_resid_post", "--text", text, "--out", store, "--tokens", "4096", "--context", "64");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);

        var sae = Path.Combine(_temp, "sae.safetensors");
        r = CliRunner.Run("/", "sae", "train", "--store", store, "--out", sae, "--d-sae", "128", "--k", "8", "--steps", "40", "--batch-size", "256", "--buffer-rows", "2048");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.True(File.Exists(sae));
        var curves = Path.ChangeExtension(sae, ".training.json");
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(curves)))
        {
            var root = doc.RootElement;
            Assert.Equal("sae_training", root.GetProperty("kind").GetString());
            Assert.Equal("topk", root.GetProperty("architecture").GetString());
            int steps = root.GetProperty("steps").GetArrayLength();
            Assert.Equal(40, root.GetProperty("steps")[steps - 1].GetInt32());
            var loss = root.GetProperty("curves").GetProperty("loss");
            Assert.Equal(steps, loss.GetArrayLength());
            Assert.True(loss[steps - 1].GetDouble() < loss[0].GetDouble(), "the loss did not fall over 40 steps");
        }

        var page = Path.Combine(_temp, "training.html");
        r = CliRunner.Run("/", "report", curves, "--out", page);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("sae_training", File.ReadAllText(page));
    }
}
