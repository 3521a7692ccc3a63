using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Interp.Tests.Cli;

/// <summary>
/// <c>interp demo --quick</c> end to end, from a temporary working directory: every part runs on the embedded defaults,
/// the report's index links every page, chart and envelope, and a part whose data is absent is skipped, not failed.
/// </summary>
public sealed class DemoCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-demo-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void QuickDemoRunsEveryLevelAndLinksEveryPageAndEnvelope()
    {
        var watch = Stopwatch.StartNew();
        var r = CliRunner.Run(_temp, "demo", "--quick");
        watch.Stop();
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var folder = Path.Combine(_temp, "interp-report");
        var index = Path.Combine(folder, "index.html");
        Assert.Contains("report: " + index, r.Stdout);
        Assert.DoesNotContain("skipped", r.Stdout);
        Assert.DoesNotContain("failed", r.Stdout);

        // One envelope per explainer run, of every level; each one a valid interp.explanation/1 file.
        var envelopes = Directory.GetFiles(Path.Combine(folder, "envelopes"), "*.json").ToDictionary(p => Path.GetFileNameWithoutExtension(p), Read);
        var expected = new Dictionary<string, (string Kind, string Method, string Level)>
        {
            ["adult-tree-shap"] = ("shap", "TreeShap", "local"),
            ["adult-person"] = ("shap", "TreeShap", "local"),
            ["adult-permutation-importance"] = ("global_importance", "PermutationFeatureImportance", "global"),
            ["image-occlusion"] = ("attribution", "Occlusion", "local"),
            ["image-integrated-gradients"] = ("attribution", "IntegratedGradients", "local"),
            ["image-grad-cam"] = ("attribution", "LayerGradCam", "local"),
            ["minilm-attention"] = ("attention", "AttentionPatterns", "mechanistic"),
            ["stories-attention"] = ("attention", "AttentionPatterns", "mechanistic"),
            ["stories-logit-lens"] = ("lens", "LogitLens", "mechanistic"),
            ["stories-dla"] = ("decomposition", "DirectLogitAttribution", "mechanistic"),
            ["stories-patching"] = ("patching", "ActivationPatching", "mechanistic"),
            ["stories-head-detector"] = ("head_scores", "HeadDetector", "mechanistic"),
            ["sae-training"] = ("sae_training", "SaeTraining", "concept"),
        };
        foreach (var (stem, (kind, method, level)) in expected)
        {
            Assert.True(envelopes.ContainsKey(stem), $"no envelope {stem}; have {string.Join(", ", envelopes.Keys)}");
            var e = envelopes[stem];
            Assert.Equal("interp.explanation/1", e.GetProperty("schema").GetString());
            Assert.Equal(kind, e.GetProperty("kind").GetString());
            Assert.Equal(method, e.GetProperty("method").GetString());
            Assert.Equal(level, e.GetProperty("level").GetString());
        }

        // The training curves cover every logged step and the metrics are the evaluator's (SAELens names).
        var training = envelopes["sae-training"];
        int steps = training.GetProperty("steps").GetArrayLength();
        Assert.True(steps > 1, "the SAE training envelope logged no steps");
        foreach (var curve in training.GetProperty("curves").EnumerateObject()) Assert.Equal(steps, curve.Value.GetArrayLength());
        var ev = training.GetProperty("metrics").GetProperty("explained_variance").GetDouble();
        Assert.InRange(ev, 0.0, 1.0);

        var features = envelopes.Where(e => e.Key.StartsWith("sae-feature-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, features.Count);
        Assert.All(features, f => Assert.Equal("concept", f.Value.GetProperty("level").GetString()));
        Assert.True(File.Exists(Path.Combine(folder, "envelopes", "stories-sae.safetensors")));
        Assert.True(File.Exists(Path.Combine(folder, "envelopes", "adult-lightgbm.txt")));

        // The image pages carry deletion/insertion curves; the patching pair had equal token lengths.
        Assert.True(envelopes["image-integrated-gradients"].GetProperty("quality").TryGetProperty("deletion_auc", out _));
        Assert.True(envelopes["image-occlusion"].GetProperty("quality").TryGetProperty("insertion_auc", out _));
        var patch = envelopes["stories-patching"];
        Assert.Equal(patch.GetProperty("clean_tokens").GetArrayLength(), patch.GetProperty("corrupted_tokens").GetArrayLength());

        // index.html links every page, and every link (pages, charts, envelopes, the model) resolves to a file.
        var entries = IndexEntries(index);
        var pages = Directory.GetFiles(folder, "*.html").Select(p => Path.GetFileName(p)).Where(p => p != "index.html").ToHashSet();
        Assert.Equal(pages, entries.Select(e => e.GetProperty("Href").GetString()!).ToHashSet());
        var links = entries.SelectMany(e => e.GetProperty("Files").EnumerateArray().Select(f => f.GetString()!)).ToList();
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(folder, l)), "broken link " + l));
        foreach (var stem in envelopes.Keys) Assert.Contains("envelopes/" + stem + ".json", links);
        Assert.Contains("image-comparison.html", pages);
        Assert.Contains("features.html", pages);
        // The quick demo is meant to take under a minute on 2 cores; the bound leaves room for a machine shared with other tests.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(150), $"the quick demo took {watch.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public void WithoutTheSharedDataThePartsThatNeedItAreSkippedWithAMessage()
    {
        var r = CliRunner.Run(_temp, "demo", "--quick", "--shared", "none", "--out", "shipped");
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("skipped stories260K: stories260K/stories260K.bin not found under", r.Stdout);
        Assert.Contains("skipped SAE on stories260K:", r.Stdout);
        Assert.Contains("Adult: only the shipped 300-row sample was found", r.Stdout);
        var envelopes = Directory.GetFiles(Path.Combine(_temp, "shipped", "envelopes"), "*.json").Select(p => Path.GetFileNameWithoutExtension(p)).ToHashSet();
        Assert.Contains("adult-tree-shap", envelopes);
        Assert.Contains("image-integrated-gradients", envelopes); // the shipped MNIST CNN stands in for SqueezeNet
        Assert.DoesNotContain("stories-logit-lens", envelopes);
        Assert.True(File.Exists(Path.Combine(_temp, "shipped", "index.html")));
    }

    [Fact]
    public void ExplainersListShowsExplainersOfAllFourLevels()
    {
        var r = CliRunner.Run("/", "explainers", "list", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var levels = JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("level").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "global", "local", "concept", "mechanistic" }, levels);
    }

    private static JsonElement Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    private static List<JsonElement> IndexEntries(string index)
    {
        var html = File.ReadAllText(index);
        const string open = "id=\"interp-data\">";
        int start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(html[start..end]);
        return doc.RootElement.GetProperty("views")[0].GetProperty("data").GetProperty("entries").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
