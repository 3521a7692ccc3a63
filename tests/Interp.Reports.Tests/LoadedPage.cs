using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Interp.Reports.Tests;

/// <summary>A report page opened in the browser, with every console error, page error and request it caused.</summary>
public sealed class LoadedPage : IAsyncDisposable
{
    private LoadedPage(IPage page) => Page = page;

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public List<string> Requests { get; } = [];

    /// <summary>From navigation to <c>window.interpReady</c>.</summary>
    public TimeSpan LoadTime { get; private set; }

    public static async Task<LoadedPage> OpenAsync(Browser browser, string htmlPath)
    {
        var page = await browser.Instance.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var loaded = new LoadedPage(page);
        page.Console += (_, m) => { if (m.Type == "error") loaded.Errors.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => loaded.Errors.Add("page error: " + e);
        page.Request += (_, r) => loaded.Requests.Add(r.Url);
        var sw = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => window.interpReady === true", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        loaded.LoadTime = sw.Elapsed;
        return loaded;
    }

    /// <summary>The page's data blob, as the page holds it.</summary>
    public async Task<JsonElement> DataAsync()
    {
        var text = await Page.EvaluateAsync<string>("() => document.getElementById('interp-data').textContent");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Artifacts.Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = true });
    }

    /// <summary>Requests other than file:// (there must be none).</summary>
    public IEnumerable<string> NetworkRequests => Requests.Where(u => !u.StartsWith("file://", StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
