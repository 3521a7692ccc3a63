using System.Globalization;
using System.Text;
using Interp.Core.Envelope;
using Interp.Explainers.Explanations;
using Interp.Reports;

namespace Interp.Cli.Demo;

/// <summary>
/// The demo's report folder: each explanation becomes an envelope under <c>envelopes/</c> and a self-contained page
/// (rendered with <see cref="ReportBuilder"/>) with its PNG charts, written as soon as it is made; <see cref="Finish"/>
/// adds the SAE feature index and <c>index.html</c> linking every page, chart and envelope.
/// </summary>
internal sealed class DemoReport(string folder)
{
    private readonly List<ReportIndexEntry> _entries = [];
    private readonly List<(ReportEnvelope Envelope, string Href)> _features = [];
    private readonly HashSet<string> _stems = new(StringComparer.Ordinal) { "index", "features" };
    private readonly Dictionary<string, ReportEnvelope> _envelopes = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Every file written so far (full paths).</summary>
    public List<string> Written { get; } = [];

    /// <summary>Saves <paramref name="explanation"/> and renders its page; returns the page's path.</summary>
    /// <param name="explanation">The explanation.</param>
    /// <param name="stem">File stem of the page and the envelope.</param>
    /// <param name="part">The demo part (shown in the index).</param>
    /// <param name="options">Rendering options (input images, budget).</param>
    /// <param name="attachments">Other files to link from the index line (relative to the folder), written by the caller.</param>
    /// <param name="title">What the page shows, for the index (default: the page's title).</param>
    public string Add(Explanation explanation, string stem, string part, ReportOptions? options = null, IReadOnlyList<string>? attachments = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        if (!_stems.Add(stem)) throw new InvalidOperationException($"demo page '{stem}' written twice.");
        var json = ExplanationFile.ToJson(explanation, indented: true);

        var envelope = ReportEnvelope.Parse(json, stem);
        var page = ReportBuilder.Build(envelope, options);
        var files = new List<ReportFile>
        {
            new(Path.Combine(Folder, "envelopes", stem + ".json"), Encoding.UTF8.GetBytes(json)),
            new(Path.Combine(Folder, stem + ".html"), Encoding.UTF8.GetBytes(page.Html)),
        };
        var links = new List<string> { "envelopes/" + stem + ".json" };
        foreach (var chart in page.Charts)
        {
            var name = $"{stem}.{chart.Name}.png";
            files.Add(new ReportFile(Path.Combine(Folder, name), chart.ToPng()));
            links.Add(name);
        }

        if (attachments is not null) links.AddRange(attachments);
        Write(files);
        _entries.Add(new ReportIndexEntry($"{part}: {title ?? page.Title}", stem + ".html", envelope.Kind, envelope.Method, Summary(envelope, page), links));
        if (envelope.Kind == "sae_feature") _features.Add((envelope, stem + ".html"));
        _envelopes[stem] = envelope;
        return Path.Combine(Folder, stem + ".html");
    }

    /// <summary>A page with several image attributions of the same input side by side (pages added before, by stem).</summary>
    public void AddComparison(string stem, string part, IReadOnlyList<string> stems, ReportOptions? options, string? title = null)
    {
        if (!_stems.Add(stem)) throw new InvalidOperationException($"demo page '{stem}' written twice.");
        var page = ReportBuilder.BuildComparison(stems.Select(s => _envelopes[s]).ToList(), options, stem);
        Write([new ReportFile(Path.Combine(Folder, stem + ".html"), Encoding.UTF8.GetBytes(page.Html))]);
        _entries.Add(new ReportIndexEntry($"{part}: {title ?? page.Title}", stem + ".html", "comparison", string.Join(", ", stems.Select(s => _envelopes[s].Method)), $"local; {stems.Count} methods side by side", []));
    }

    /// <summary>Writes a file that belongs to the report (e.g. a trained model) and returns its relative link.</summary>
    public string Attach(string relative, byte[] content)
    {
        Write([new ReportFile(Path.Combine(Folder, relative), content)]);
        return relative.Replace('\\', '/');
    }

    /// <summary>The number of pages added so far.</summary>
    public int PageCount => _entries.Count;

    /// <summary>Writes the feature index (when SAE features were added) and <c>index.html</c>; returns the index's path.</summary>
    public string Finish(string title)
    {
        var entries = new List<ReportIndexEntry>(_entries);
        var files = new List<ReportFile>();
        if (_features.Count > 0)
        {
            var page = ReportBuilder.BuildFeatureIndex(_features);
            files.Add(new ReportFile(Path.Combine(Folder, "features.html"), Encoding.UTF8.GetBytes(page.Html)));
            int at = entries.FindIndex(e => e.Kind == "sae_feature");
            entries.Insert(at < 0 ? entries.Count : at, new ReportIndexEntry("SAE: " + page.Title, "features.html", "feature_index", "sae", $"{_features.Count} features", []));
        }

        var index = ReportBuilder.BuildIndex(entries, title);
        var path = Path.Combine(Folder, "index.html");
        files.Add(new ReportFile(path, Encoding.UTF8.GetBytes(index.Html)));
        Write(files);
        return path;
    }

    private void Write(IReadOnlyList<ReportFile> files)
    {
        ReportSet.Write(files);
        Written.AddRange(files.Select(f => f.Path));
    }

    private static string Summary(ReportEnvelope e, ReportPage page)
    {
        var parts = e.Quality.Take(4)
            .Select(q => $"{q.Key} {(q.Value.Length == 0 ? "-" : q.Value.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max(Math.Abs).ToString("G3", CultureInfo.InvariantCulture))}")
            .ToList();
        parts.Insert(0, e.Level);
        if (page.Notes.Count > 0) parts.Add("compressed or subsampled (see page)");
        return string.Join("; ", parts);
    }
}
