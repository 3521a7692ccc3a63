using System.Globalization;
using System.Text;
using Interp.Explainers;

namespace Interp.Reports;

/// <summary>
/// Renders envelopes to a set of files (pages, charts, comparison and index pages) in memory, then writes them
/// atomically: every file goes to a temporary name first and is renamed only when all were written.
/// </summary>
public static class ReportSet
{
    /// <summary>Renders <paramref name="envelopes"/>.</summary>
    /// <param name="envelopes">Loaded envelopes (at least one).</param>
    /// <param name="output">
    /// An <c>.html</c> file (one envelope only), a folder (pages plus <c>index.html</c>), or null: beside the envelope for
    /// one, <c>interp-report/</c> beside the first for several.
    /// </param>
    /// <param name="png">Write each page's static charts as PNG.</param>
    /// <param name="svg">Write each page's static charts as SVG (bitmap blends are PNG only).</param>
    /// <param name="options">Rendering options.</param>
    /// <exception cref="InterpException">An envelope cannot be rendered, or an .html output was given for several envelopes.</exception>
    public static IReadOnlyList<ReportFile> Render(IReadOnlyList<ReportEnvelope> envelopes, string? output, bool png, bool svg, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        if (envelopes.Count == 0) throw new InterpException("no envelope to render.") { IsConfigurationError = true };
        options ??= new ReportOptions();
        bool toFile = output is not null && output.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
        if (toFile && envelopes.Count > 1)
        {
            throw new InterpException($"--out {output}: several envelopes make several pages; give a folder instead.") { IsConfigurationError = true };
        }

        var files = new List<ReportFile>();
        if (envelopes.Count == 1 && (toFile || output is null))
        {
            var page = ReportBuilder.Build(envelopes[0], options);
            var path = Path.GetFullPath(output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(envelopes[0].Source))!, page.Stem + ".html"));
            AddPage(files, page, path, png, svg);
            return files;
        }

        var folder = Path.GetFullPath(output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(envelopes[0].Source))!, "interp-report"));
        var entries = new List<ReportIndexEntry>();
        var stems = new HashSet<string>(StringComparer.Ordinal) { "index", "comparison", "features" };
        var features = new List<(ReportEnvelope, string)>();
        foreach (var envelope in envelopes)
        {
            var page = ReportBuilder.Build(envelope, options);
            var stem = Unique(stems, page.Stem);
            var written = AddPage(files, page, Path.Combine(folder, stem + ".html"), png, svg);
            entries.Add(new ReportIndexEntry(page.Title, stem + ".html", envelope.Kind, envelope.Method, Summary(envelope, page), written.Select(p => Path.GetFileName(p)).ToArray()));
            if (envelope.Kind == "sae_feature") features.Add((envelope, stem + ".html"));
        }

        var images = envelopes.Where(IsImageAttribution).ToList();
        if (images.Count >= 2 && images.Select(Geometry).Distinct().Count() == 1)
        {
            var page = ReportBuilder.BuildComparison(images, options);
            AddPage(files, page, Path.Combine(folder, "comparison.html"), false, false);
            entries.Insert(0, new ReportIndexEntry(page.Title, "comparison.html", "comparison", string.Join(", ", images.Select(e => e.Method)), $"{images.Count} methods side by side", []));
        }

        if (features.Count > 0)
        {
            var page = ReportBuilder.BuildFeatureIndex(features);
            AddPage(files, page, Path.Combine(folder, "features.html"), false, false);
            entries.Insert(0, new ReportIndexEntry(page.Title, "features.html", "feature_index", "sae", $"{features.Count} features", []));
        }

        AddPage(files, ReportBuilder.BuildIndex(entries), Path.Combine(folder, "index.html"), false, false);
        return files;
    }

    /// <summary>Writes the files: all to temporary names first, then renamed; on any failure the temporaries are removed and no file is left half-written.</summary>
    /// <param name="files">The files.</param>
    public static void Write(IReadOnlyList<ReportFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var f in files)
            {
                var dir = Path.GetDirectoryName(f.Path)!;
                Directory.CreateDirectory(dir);
                var temp = Path.Combine(dir, "." + Path.GetFileName(f.Path) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp");
                temps.Add((temp, f.Path));
                using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
                stream.Write(f.Content);
                stream.Flush(flushToDisk: true);
            }

            foreach (var (temp, final) in temps) File.Move(temp, final, overwrite: true);
        }
        finally
        {
            foreach (var (temp, _) in temps) if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static List<string> AddPage(List<ReportFile> files, ReportPage page, string path, bool png, bool svg)
    {
        files.Add(new ReportFile(path, Encoding.UTF8.GetBytes(page.Html)));
        var written = new List<string>();
        var stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        foreach (var chart in page.Charts)
        {
            if (png)
            {
                files.Add(new ReportFile($"{stem}.{chart.Name}.png", chart.ToPng()));
                written.Add($"{stem}.{chart.Name}.png");
            }

            if (svg && chart.HasSvg)
            {
                files.Add(new ReportFile($"{stem}.{chart.Name}.svg", Encoding.UTF8.GetBytes(chart.ToSvg())));
                written.Add($"{stem}.{chart.Name}.svg");
            }
        }

        return written;
    }

    private static string Summary(ReportEnvelope e, ReportPage page)
    {
        var parts = e.Quality.Take(4).Select(q => $"{q.Key} {(q.Value.Length == 0 ? "-" : q.Value.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max(Math.Abs).ToString("G3", CultureInfo.InvariantCulture))}").ToList();
        if (page.Notes.Count > 0) parts.Add("compressed or subsampled (see page)");
        return string.Join("; ", parts);
    }

    private static bool IsImageAttribution(ReportEnvelope e) => e.Kind == "attribution" && Views.AttributionModes.ImageGeometry(e) is not null;

    private static string Geometry(ReportEnvelope e)
    {
        var g = Views.AttributionModes.ImageGeometry(e)!.Value;
        int n = e.Get("attributions") is { ValueKind: System.Text.Json.JsonValueKind.Array } a ? a.GetArrayLength() : 0;
        return $"{g.Height}x{g.Width}x{n}";
    }

    private static string Unique(HashSet<string> used, string stem)
    {
        var name = stem;
        for (int i = 2; !used.Add(name); i++) name = $"{stem}-{i}";
        return name;
    }
}
