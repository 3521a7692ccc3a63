using System.Text.Json;
using Interp.Explainers;
using Interp.Reports.Html;
using Interp.Reports.Views;

namespace Interp.Reports;

/// <summary>Renders envelopes as self-contained pages: one per envelope, plus comparison, feature-index and index pages.</summary>
public static class ReportBuilder
{
    /// <summary>The page of one envelope.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="options">Rendering options (defaults when null).</param>
    /// <exception cref="InterpException">The envelope's payload does not fit its kind (a missing field, a wrong shape).</exception>
    public static ReportPage Build(ReportEnvelope envelope, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        options ??= new ReportOptions();
        var view = ViewRegistry.For(envelope);
        ViewOutput output;
        try
        {
            output = view.Build(envelope, options);
        }
        catch (InterpException ex) when (!ex.Message.StartsWith(envelope.Source, StringComparison.Ordinal))
        {
            throw new InterpException($"{envelope.Source}: {ex.Message}", ex);
        }

        var title = $"{envelope.Method} · {envelope.Kind}";
        var html = HtmlPage.Compose(title, PageMeta(envelope, title, output.Notes), [(view.Name, output.Data)], [view.Script]);
        return new ReportPage(envelope.Stem, title, html, output.Charts, output.Notes);
    }

    /// <summary>Several attribution envelopes of the same images side by side (one column per method).</summary>
    /// <param name="envelopes">Attribution envelopes with image labels of one geometry.</param>
    /// <param name="options">Rendering options.</param>
    /// <param name="stem">File stem of the page.</param>
    /// <exception cref="InterpException">Fewer than two envelopes, or not image attributions of one geometry.</exception>
    public static ReportPage BuildComparison(IReadOnlyList<ReportEnvelope> envelopes, ReportOptions? options = null, string stem = "comparison")
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        options ??= new ReportOptions();
        var output = ComparisonView.Build(envelopes, options);
        var title = "Attribution methods side by side: " + string.Join(", ", envelopes.Select(e => e.Method));
        var page = new Dictionary<string, object?> { ["title"] = title, ["kind"] = "comparison", ["notes"] = output.Notes, ["quality"] = new Dictionary<string, double[]>() };
        var html = HtmlPage.Compose(title, page, [("comparison", output.Data)], ["attribution"]);
        return new ReportPage(stem, title, html, output.Charts, output.Notes);
    }

    /// <summary>An index of SAE feature pages (feature, hook point, density, strongest activation, top tokens), each linked.</summary>
    /// <param name="features">Feature envelopes (kind <c>sae_feature</c>) and the relative link of each one's page.</param>
    /// <param name="stem">File stem of the page.</param>
    public static ReportPage BuildFeatureIndex(IReadOnlyList<(ReportEnvelope Envelope, string Href)> features, string stem = "features")
    {
        ArgumentNullException.ThrowIfNull(features);
        var data = FeatureIndexView.Build(features);
        const string title = "SAE feature index";
        var page = new Dictionary<string, object?> { ["title"] = title, ["kind"] = "feature_index", ["notes"] = Array.Empty<string>(), ["quality"] = new Dictionary<string, double[]>() };
        var html = HtmlPage.Compose(title, page, [("feature_index", data)], ["sae"]);
        return new ReportPage(stem, title, html, [], []);
    }

    /// <summary>A report index page linking several pages.</summary>
    /// <param name="entries">The linked pages.</param>
    /// <param name="title">Page title.</param>
    /// <param name="stem">File stem of the page.</param>
    public static ReportPage BuildIndex(IReadOnlyList<ReportIndexEntry> entries, string title = "Interp report", string stem = "index")
    {
        ArgumentNullException.ThrowIfNull(entries);
        var page = new Dictionary<string, object?> { ["title"] = title, ["kind"] = "index", ["notes"] = Array.Empty<string>(), ["quality"] = new Dictionary<string, double[]>() };
        var data = new Dictionary<string, object?> { ["entries"] = entries };
        var html = HtmlPage.Compose(title, page, [("index", data)], ["index"]);
        return new ReportPage(stem, title, html, [], []);
    }

    private static Dictionary<string, object?> PageMeta(ReportEnvelope envelope, string title, IReadOnlyList<string> notes)
    {
        JsonElement? Raw(string name) => envelope.Root.TryGetProperty(name, out var v) ? v : null;
        return new Dictionary<string, object?>
        {
            ["title"] = title,
            ["kind"] = envelope.Kind,
            ["method"] = envelope.Method,
            ["level"] = envelope.Level,
            ["source"] = Path.GetFileName(envelope.Source),
            ["model"] = Raw("model"),
            ["seed"] = Raw("seed"),
            ["options"] = Raw("options"),
            ["model_calls"] = Raw("model_calls"),
            ["quality"] = envelope.Quality.ToDictionary(q => q.Key, q => Json.Values.Finite(q.Value)),
            ["notes"] = notes,
        };
    }
}
