using System.Diagnostics;
using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Reports.Tests;

/// <summary>The attention head and model views in the browser: line opacity = pattern value, head selection, and a 512-token report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AttentionViewTests(Browser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task LineOpacityEqualsThePatternValueAndFollowsTheSelectedHead()
    {
        var attention = Samples.Attention(layers: 2, heads: 3, tokens: Samples.Tokens.Length);
        var folder = Artifacts.Reports("head-view");
        var path = Path.Combine(folder, "attention.html");
        File.WriteAllText(path, ReportBuilder.Build(ReportEnvelope.FromExplanation(attention, "attention")).Html);
        await using var p = await LoadedPage.OpenAsync(browser, path);
        var data = (await p.DataAsync()).GetProperty("views")[0].GetProperty("data");

        // A sampled (layer, head, query, key) where heads 0 and 1 differ clearly.
        int T = Samples.Tokens.Length;
        float Original(int l, int h, int q, int k) => attention.Patterns.Data[((((l * 3) + h) * T) + q) * T + k];
        var rng = new Random(7);
        var candidates = (from q in Enumerable.Range(0, T) from k in Enumerable.Range(0, q + 1)
                          where Original(1, 0, q, k) > 0.02 && Original(1, 1, q, k) > 0.02 && Math.Abs(Original(1, 0, q, k) - Original(1, 1, q, k)) > 0.05
                          select (q, k)).ToList();
        Assert.NotEmpty(candidates);
        var (query, key) = candidates[rng.Next(candidates.Count)];

        await p.Page.SelectOptionAsync("#attn-layer", "1");
        float head0 = await Opacity(p, 1, 0, query, key);
        float fromPage0 = Packed.Attention(data, 1, 0, query, key);
        Assert.True(Math.Abs(head0 - fromPage0) <= 1e-3, $"head 0 ({query},{key}): line opacity {head0}, page data {fromPage0}");
        Assert.True(Math.Abs(fromPage0 - Original(1, 0, query, key)) <= 1e-3);

        await p.Page.Locator("input.attn-head[data-head='0']").UncheckAsync();
        await p.Page.Locator("input.attn-head[data-head='1']").CheckAsync();
        Assert.Equal(0, await p.Page.Locator("#attn-svg line[data-h='0']").CountAsync());
        float head1 = await Opacity(p, 1, 1, query, key);
        float fromPage1 = Packed.Attention(data, 1, 1, query, key);
        Assert.True(Math.Abs(head1 - fromPage1) <= 1e-3, $"head 1 ({query},{key}): line opacity {head1}, page data {fromPage1}");
        Assert.True(Math.Abs(head1 - head0) > 0.05, "the line did not change with the head");
        await p.ScreenshotAsync("head-view.layer1-head1");

        // Model view: clicking a thumbnail focuses that layer and head in the head view.
        await p.Page.Locator("#attn-model-view canvas[data-layer='0'][data-head='2']").ClickAsync();
        Assert.Equal("0", await p.Page.Locator("#attn-layer").InputValueAsync());
        Assert.True(await p.Page.Locator("input.attn-head[data-head='2']").IsCheckedAsync());
        Assert.False(await p.Page.Locator("input.attn-head[data-head='1']").IsCheckedAsync());
        var (q2, k2) = (T - 1, T - 3);
        Assert.True(Math.Abs(await Opacity(p, 0, 2, q2, k2) - Packed.Attention(data, 0, 2, q2, k2)) <= 1e-3);
        Assert.Equal(1, await p.Page.Locator("#attn-model-view canvas.selected").CountAsync());
        Assert.Empty(p.Errors);
        Assert.Empty(p.NetworkRequests);
    }

    [Fact]
    public async Task A512TokenReportStaysWithinBudgetAndLoadsQuickly()
    {
        var attention = Samples.Attention(layers: 4, heads: 8, tokens: 512);
        var sw = Stopwatch.StartNew();
        var envelope = ReportEnvelope.FromExplanation(attention, "attention-512");
        var page = ReportBuilder.Build(envelope);
        var render = sw.Elapsed;
        var folder = Artifacts.Reports("attention-512");
        var path = Path.Combine(folder, "attention-512.html");
        File.WriteAllText(path, page.Html);
        long size = new FileInfo(path).Length;
        Assert.True(size <= new ReportOptions().DataBudgetBytes + (1 << 20), $"page is {size} bytes");
        Assert.Contains(page.Notes, n => n.Contains("top", StringComparison.Ordinal) && n.Contains("budget", StringComparison.Ordinal));

        await using var p = await LoadedPage.OpenAsync(browser, path);
        Assert.Empty(p.Errors);
        Assert.Empty(p.NetworkRequests);
        Assert.Contains("top", await p.Page.Locator("#interp-notes").InnerTextAsync(), StringComparison.Ordinal);
        var data = (await p.DataAsync()).GetProperty("views")[0].GetProperty("data");

        // Still responsive: switching layer and head redraws quickly, and the drawn lines match the page's data.
        var swap = Stopwatch.StartNew();
        await p.Page.SelectOptionAsync("#attn-layer", "3");
        await p.Page.Locator("input.attn-head[data-head='7']").CheckAsync();
        var redraw = swap.Elapsed;
        int q = 100, k = 100 - (((3 * 8) + 7) % 3);
        float drawn = await Opacity(p, 3, 7, q, k);
        Assert.True(Math.Abs(drawn - Packed.Attention(data, 3, 7, q, k)) <= 1e-3);
        Assert.True(Math.Abs(drawn - attention.Patterns.Data[((((3 * 8) + 7) * 512) + q) * 512 + k]) <= 1e-3);
        await p.ScreenshotAsync("attention-512");

        var message = string.Create(CultureInfo.InvariantCulture,
            $"512 tokens × 4 layers × 8 heads: envelope→page {render.TotalSeconds:F2} s, page {size / 1048576.0:F2} MiB, browser load {p.LoadTime.TotalMilliseconds:F0} ms, layer+head switch {redraw.TotalMilliseconds:F0} ms");
        output.WriteLine(message);
        Console.WriteLine(message);
        File.WriteAllText(Path.Combine(folder, "timing.txt"), message + "\n");
        Assert.True(p.LoadTime < TimeSpan.FromSeconds(20), message);
        Assert.True(redraw < TimeSpan.FromSeconds(5), message);
    }

    private static async Task<float> Opacity(LoadedPage p, int l, int h, int q, int k)
    {
        var line = p.Page.Locator($"#attn-svg line[data-l='{l}'][data-h='{h}'][data-q='{q}'][data-k='{k}']");
        Assert.Equal(1, await line.CountAsync());
        return float.Parse((await line.GetAttributeAsync("stroke-opacity"))!, CultureInfo.InvariantCulture);
    }
}
