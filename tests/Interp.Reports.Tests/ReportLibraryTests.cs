using System.Text.Json;
using Interp.Explainers;
using Xunit;

namespace Interp.Reports.Tests;

/// <summary>The library without a browser: size budget steps (float32 → float16 → top-k), envelope checks, index pages.</summary>
public sealed class ReportLibraryTests
{
    [Fact]
    public void AttentionIsExactUnderBudgetThenFloat16ThenTopK()
    {
        var attention = Samples.Attention(2, 2, 64);
        var envelope = ReportEnvelope.FromExplanation(attention, "a");
        long f32 = (2L * 2 * 64 * 64 * 4 * 4 / 3) + 16;

        var exact = Data(ReportBuilder.Build(envelope));
        Assert.Equal("f32", exact.GetProperty("patterns").GetProperty("values").GetProperty("dtype").GetString());
        Assert.Equal(attention.Patterns.Data[1234], Packed.Attention(exact, 0, 0, 1234 / 64, 1234 % 64));

        var half = ReportBuilder.Build(envelope, new ReportOptions { DataBudgetBytes = f32 / 2 + 64 });
        var halfData = Data(half);
        Assert.Equal("f16", halfData.GetProperty("patterns").GetProperty("values").GetProperty("dtype").GetString());
        Assert.Contains(half.Notes, n => n.Contains("float16", StringComparison.Ordinal));
        for (int i = 0; i < attention.Patterns.Length; i += 97)
        {
            int l = i / (2 * 64 * 64), h = i / (64 * 64) % 2, q = i / 64 % 64, k = i % 64;
            Assert.True(Math.Abs(Packed.Attention(halfData, l, h, q, k) - attention.Patterns.Data[i]) <= 5e-4);
        }

        var topk = ReportBuilder.Build(envelope, new ReportOptions { DataBudgetBytes = 20_000, AttentionTopK = 8 });
        var topData = Data(topk).GetProperty("patterns");
        Assert.Equal("topk", topData.GetProperty("type").GetString());
        int kept = topData.GetProperty("k").GetInt32();
        Assert.InRange(kept, 1, 8);
        Assert.Contains(topk.Notes, n => n.Contains($"top {kept} keys", StringComparison.Ordinal));
        // The kept keys of a query are its largest weights.
        var row = attention.Patterns.Data.AsSpan(63 * 64, 64).ToArray();
        var largest = row.Select((v, k) => (v, k)).OrderByDescending(p => p.v).Take(kept).Select(p => p.k).Order().ToArray();
        var index = Packed.Decode(topData.GetProperty("index")).Skip(63 * kept).Take(kept).Select(v => (int)v).Order().ToArray();
        Assert.Equal(largest, index);
    }

    [Fact]
    public void ShapRowsBeyondTheLimitAreSubsampledAndThePageSaysSo()
    {
        var page = ReportBuilder.Build(ReportEnvelope.FromExplanation(Samples.Shap(rows: 300), "s"), new ReportOptions { MaxRows = 100 });
        Assert.Contains(page.Notes, n => n.Contains("100 of 300 rows", StringComparison.Ordinal));
        Assert.Equal(100, Data(page).GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public void EnvelopesAreChecked()
    {
        Assert.Contains("unsupported envelope schema", Assert.Throws<InterpException>(() => ReportEnvelope.Parse("{\"schema\":\"interp.explanation/9\",\"kind\":\"shap\"}", "x")).Message, StringComparison.Ordinal);
        Assert.Contains("no \"kind\"", Assert.Throws<InterpException>(() => ReportEnvelope.Parse("{\"schema\":\"interp.explanation/1\"}", "x")).Message, StringComparison.Ordinal);
        Assert.Contains("no such file", Assert.Throws<InterpException>(() => ReportEnvelope.Load("/nonexistent/x.json")).Message, StringComparison.Ordinal);
        var e = ReportEnvelope.Parse("{\"schema\":\"interp.explanation/1\",\"kind\":\"patching\",\"quality\":{},\"effects\":[[1,2],[3,4]],\"axes\":[\"layer\",\"head\"]}", "p.json");
        Assert.Equal("patching", e.Kind);
        Assert.Contains("</html>", ReportBuilder.Build(e).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDataBlobCannotCloseItsScriptElement()
    {
        var e = ReportEnvelope.Parse("{\"schema\":\"interp.explanation/1\",\"kind\":\"global_importance\",\"method\":\"</script><script>alert(1)</script>\",\"quality\":{},\"metric\":\"x\",\"importance\":[1]}", "x.json");
        var html = ReportBuilder.Build(e).Html;
        Assert.Equal(5, html.Split("</script>").Length); // the blob, core, importance and the start script: four closing tags
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    private static JsonElement Data(ReportPage page)
    {
        const string open = "<script type=\"application/json\" id=\"interp-data\">";
        int start = page.Html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        int end = page.Html.IndexOf("</script>", start, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(page.Html[start..end]);
        return doc.RootElement.GetProperty("views")[0].GetProperty("data").Clone();
    }
}
