using Xunit;

namespace Interp.Reports.Tests;

/// <summary><c>interp report</c> end to end: files written, and bad input refused with a clear error, a non-zero exit code and no partial page.</summary>
public sealed class ReportCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-report-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void WritesOnePageBesideTheEnvelopeOrWhereOutSays()
    {
        var env = Path.Combine(_temp, "shap.json");
        Samples.Save(Samples.Shap(), env);
        var r = CliRunner.Run("/", "report", env);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.True(File.Exists(Path.Combine(_temp, "shap.html")));

        var outFile = Path.Combine(_temp, "sub", "page.html");
        r = CliRunner.Run("/", "report", env, "--out", outFile, "--png", "--svg");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.True(File.Exists(outFile));
        var png = File.ReadAllBytes(Path.Combine(_temp, "sub", "page.waterfall.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(_temp, "sub", "page.beeswarm.svg")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_temp, "sub"), "*.tmp"));
        var html = File.ReadAllText(outFile);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-json", "this is not json", "not valid JSON")]
    [InlineData("truncated", null, "truncated")]
    [InlineData("not-envelope", "{\"a\": 1}", "not an Interp explanation envelope")]
    [InlineData("unknown-kind", "{\"schema\":\"interp.explanation/1\",\"kind\":\"banana\",\"quality\":{}}", "unknown explanation kind 'banana'")]
    [InlineData("missing-field", "{\"schema\":\"interp.explanation/1\",\"kind\":\"shap\",\"method\":\"TreeShap\",\"quality\":{},\"feature_names\":[\"a\"]}", "needs \"shap_values\"")]
    [InlineData("bad-shape", "{\"schema\":\"interp.explanation/1\",\"kind\":\"attention\",\"quality\":{},\"patterns\":[[1,2],[3]]}", "not a rectangular array")]
    public void BadInputFailsClearlyAndLeavesNoPage(string name, string? content, string message)
    {
        var env = Path.Combine(_temp, name + ".json");
        if (content is null)
        {
            var full = ReportEnvelope.FromExplanation(Samples.Importance(), "x").Root.GetRawText();
            content = full[..(full.Length / 2)];
        }

        File.WriteAllText(env, content);
        var outDir = Path.Combine(_temp, "out-" + name);
        var r = CliRunner.Run("/", "report", env, "--out", Path.Combine(outDir, "page.html"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: ", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any(), "files were left in " + outDir);
        Assert.False(File.Exists(Path.Combine(_temp, name + ".html")));
    }

    [Fact]
    public void ABadEnvelopeAmongGoodOnesWritesNothing()
    {
        var good = Path.Combine(_temp, "good.json");
        var bad = Path.Combine(_temp, "bad.json");
        Samples.Save(Samples.Importance(), good);
        File.WriteAllText(bad, "{\"schema\":\"interp.explanation/1\",\"kind\":\"nope\"}");
        var outDir = Path.Combine(_temp, "both");
        var r = CliRunner.Run("/", "report", good, bad, "--out", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void SeveralEnvelopesToOneHtmlFileIsAUsageError()
    {
        var a = Path.Combine(_temp, "a.json");
        Samples.Save(Samples.Importance(), a);
        var r = CliRunner.Run("/", "report", a, a, "--out", Path.Combine(_temp, "x.html"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("give a folder", r.Stderr, StringComparison.Ordinal);
    }
}
