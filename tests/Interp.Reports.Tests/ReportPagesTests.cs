using System.Globalization;
using Interp.Explainers.Explanations;
using Xunit;

namespace Interp.Reports.Tests;

/// <summary>Every page type in a real browser (Debian's chromium): loads with no console error and no request other than file://.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPagesTests(Browser browser)
{
    [Fact]
    public async Task EveryPageTypeLoadsWithoutConsoleErrorsOrNetworkRequests()
    {
        var folder = Artifacts.Reports("all-kinds");
        var envelopes = Path.Combine(folder, "envelopes");
        Directory.CreateDirectory(envelopes);
        var explanations = new (string Name, Explanation E)[]
        {
            ("shap", Samples.Shap()), ("importance", Samples.Importance()), ("ig", Samples.Image("IntegratedGradients", 1)),
            ("occlusion", Samples.Image("Occlusion", 2)), ("tokens", Samples.Text()), ("tabular", Samples.Tabular()),
            ("attention", Samples.Attention(2, 3, Samples.Tokens.Length)), ("lens", Samples.Lens()),
            ("patching-position", Samples.Patching("position")), ("patching-head", Samples.Patching("head")),
            ("feature-3", Samples.Feature(3)), ("feature-7", Samples.Feature(7)), ("probe", Samples.Probe()),
            ("sae-training", Samples.SaeTraining()),
        };
        foreach (var (name, e) in explanations) Samples.Save(e, Path.Combine(envelopes, name + ".json"));
        File.WriteAllText(Path.Combine(envelopes, "dla.json"), Samples.Dla());
        File.WriteAllText(Path.Combine(envelopes, "heads.json"), Samples.HeadDetector());
        File.WriteAllText(Path.Combine(envelopes, "head-scores.json"), Samples.HeadScores());
        File.WriteAllText(Path.Combine(envelopes, "decomposition.json"), Samples.Decomposition());
        var loaded = Directory.GetFiles(envelopes, "*.json").Order(StringComparer.Ordinal).Select(ReportEnvelope.Load).ToList();
        var files = ReportSet.Render(loaded, folder, png: true, svg: true);
        ReportSet.Write(files);

        var pages = files.Select(f => f.Path).Where(p => p.EndsWith(".html", StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, p => p.EndsWith("comparison.html", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.EndsWith("features.html", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.EndsWith("index.html", StringComparison.Ordinal));
        Assert.Equal(explanations.Length + 4 + 3, pages.Count); // + hand-written envelopes, + comparison, features, index
        foreach (var page in pages)
        {
            await using var p = await LoadedPage.OpenAsync(browser, page);
            Assert.True(p.Errors.Count == 0, Path.GetFileName(page) + ": " + string.Join("\n", p.Errors));
            Assert.True(!p.NetworkRequests.Any(), Path.GetFileName(page) + " requested " + string.Join(", ", p.NetworkRequests));
            Assert.Equal(0, await p.Page.Locator(".error").CountAsync());
            Assert.True(await p.Page.Locator("section.view").CountAsync() > 0, Path.GetFileName(page) + " drew no view");
            await p.ScreenshotAsync("all-kinds." + Path.GetFileNameWithoutExtension(page));
        }

        // Every view shows its quality numbers: the IG page's table has the completeness gap of each example.
        // The SAE training page: one chart per curve, the metrics as the envelope has them.
        await using (var training = await LoadedPage.OpenAsync(browser, Path.Combine(folder, "sae-training.html")))
        {
            Assert.Equal(3, await training.Page.Locator(".card.curve polyline").CountAsync());
            Assert.Equal("0.8125", (await training.Page.Locator("#sae-metrics tr[data-metric=explained_variance] td").InnerTextAsync()).Trim());
            Assert.Equal("4", (await training.Page.Locator(".card.curve[data-curve=loss] polyline").GetAttributeAsync("points"))!.Split(' ').Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await using (var ig = await LoadedPage.OpenAsync(browser, Path.Combine(folder, "ig.html")))
        {
            Assert.Equal(2, await ig.Page.Locator("#interp-quality tr[data-metric='completeness_gap'] td").CountAsync());
            Assert.Equal(3, await ig.Page.Locator(".curves polyline").CountAsync()); // deletion, its random reference, insertion
        }

        Assert.True(File.Exists(Path.Combine(folder, "shap.waterfall.png")));
        Assert.True(File.Exists(Path.Combine(folder, "shap.beeswarm.svg")));
        Assert.True(File.Exists(Path.Combine(folder, "ig.0.signed.png")));
    }

    [Fact]
    public async Task TheQuickDemoReportLoadsInTheBrowser()
    {
        var temp = Directory.CreateTempSubdirectory("interp-report-demo-").FullName;
        try
        {
            var folder = Artifacts.Reports("demo");
            var demo = CliRunner.Run(temp, "demo", "--quick", "--out", folder);
            Assert.True(demo.ExitCode == 0, demo.Stderr + demo.Stdout);
            Assert.Contains("report: " + Path.Combine(folder, "index.html"), demo.Stdout);
            var pages = Directory.GetFiles(folder, "*.html").Order(StringComparer.Ordinal).ToList();
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var page in pages)
            {
                await using var p = await LoadedPage.OpenAsync(browser, page);
                Assert.True(p.Errors.Count == 0, Path.GetFileName(page) + ": " + string.Join("\n", p.Errors));
                Assert.True(!p.NetworkRequests.Any(), Path.GetFileName(page) + " requested " + string.Join(", ", p.NetworkRequests));
                Assert.Equal(0, await p.Page.Locator(".error").CountAsync());
                Assert.True(await p.Page.Locator("section.view").CountAsync() > 0, Path.GetFileName(page) + " drew no view");
                kinds.Add((await p.DataAsync()).GetProperty("page").GetProperty("kind").GetString()!);
                await p.ScreenshotAsync("demo." + Path.GetFileNameWithoutExtension(page));
            }

            // Every page type the demo makes, one level after another.
            string[] expected = ["index", "shap", "global_importance", "attribution", "comparison", "attention", "lens", "decomposition", "patching", "head_scores", "sae_feature", "feature_index", "sae_training"];
            Assert.True(expected.All(kinds.Contains), "page kinds: " + string.Join(", ", kinds));

            // The index links work in the browser: following the first link opens a page that draws.
            await using (var index = await LoadedPage.OpenAsync(browser, Path.Combine(folder, "index.html")))
            {
                Assert.Equal(pages.Count - 1, await index.Page.Locator("#index-table tr th a").CountAsync());
                await index.Page.Locator("#index-table tr th a").First.ClickAsync();
                await index.Page.WaitForURLAsync(u => !u.EndsWith("index.html", StringComparison.Ordinal));
                await index.Page.WaitForFunctionAsync("() => window.interpReady === true");
                Assert.Empty(index.Errors);
                Assert.Empty(index.NetworkRequests);
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public async Task WaterfallBarsSumToPredictionMinusBaseValue()
    {
        var shap = Samples.Shap(rows: 40, features: 16);
        var folder = Artifacts.Reports("waterfall");
        var page = ReportBuilder.Build(ReportEnvelope.FromExplanation(shap, "shap"));
        var path = Path.Combine(folder, "shap.html");
        File.WriteAllText(path, page.Html);
        await using var p = await LoadedPage.OpenAsync(browser, path);
        foreach (var row in new[] { 0, 7, 39 })
        {
            await p.Page.SelectOptionAsync("#shap-row", row.ToString(CultureInfo.InvariantCulture));
            var svg = p.Page.Locator("#shap-waterfall");
            Assert.Equal(row.ToString(CultureInfo.InvariantCulture), await svg.GetAttributeAsync("data-row"));
            double scale = double.Parse((await svg.GetAttributeAsync("data-scale"))!, CultureInfo.InvariantCulture);
            var bars = p.Page.Locator("#shap-waterfall rect.wf-bar");
            Assert.Equal(11, await bars.CountAsync()); // ten features + "6 other features"
            double drawn = 0;
            for (int i = 0; i < 11; i++)
            {
                var bar = bars.Nth(i);
                double width = double.Parse((await bar.GetAttributeAsync("width"))!, CultureInfo.InvariantCulture);
                drawn += (await bar.GetAttributeAsync("class"))!.Contains("neg", StringComparison.Ordinal) ? -width : width;
            }

            double prediction = shap.BaseValues.Data[row] + Enumerable.Range(0, 16).Sum(f => shap.ShapValues.Data[(row * 16) + f]);
            double expected = prediction - shap.BaseValues.Data[row];
            Assert.True(Math.Abs((drawn / scale) - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"row {row}: bars sum to {drawn / scale}, prediction − base = {expected}");
        }

        await p.ScreenshotAsync("waterfall");
        Assert.Empty(p.Errors);
    }
}
