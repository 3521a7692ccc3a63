using System.Text.Json;
using Interp.Reports.Json;
using ScottPlot;

namespace Interp.Reports.Views;

/// <summary>
/// A Neuroscope-style feature page: top contexts with tokens highlighted by activation, an activation histogram and
/// top logits. Today's envelope has the contexts and density; <c>histogram</c> ({edges, counts}) and
/// <c>top_logits</c>/<c>bottom_logits</c> ([{token, value}]) are read when present (provisional names).
/// </summary>
internal sealed class SaeFeatureView : IReportView
{
    public string Script => "sae";

    public string Name => "sae_feature";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "sae_feature";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var contexts = SaeContexts.Read(envelope);
        var notes = new List<string>();
        object? histogram = envelope.Get("histogram");
        if (histogram is null)
        {
            notes.Add("The envelope has no activation histogram: the page shows the histogram of the activations in the top contexts.");
        }

        var data = new Dictionary<string, object?>
        {
            ["feature"] = envelope.Get("feature_index")?.GetInt32(),
            ["hook_point"] = envelope.Get("hook_point")?.GetString(),
            ["density"] = envelope.Get("density")?.GetDouble(),
            ["contexts"] = contexts.Select(c => new Dictionary<string, object?> { ["tokens"] = c.Tokens, ["acts"] = c.Activations, ["max"] = Values.Number(c.Max) }).ToArray(),
            ["histogram"] = histogram,
            ["top_logits"] = envelope.Get("top_logits"),
            ["bottom_logits"] = envelope.Get("bottom_logits"),
        };
        var acts = contexts.SelectMany(c => c.Activations).Where(v => v is > 0).Select(v => (double)v!.Value).ToArray();
        var charts = new List<ReportChart>();
        if (acts.Length > 0)
        {
            charts.Add(new ReportChart("histogram", () =>
            {
                var plot = new Plot();
                var hist = ScottPlot.Statistics.Histogram.WithBinCount(20, acts.Min(), acts.Max() + 1e-9);
                hist.AddRange(acts);
                plot.Add.Bars(hist.Bins, hist.Counts);
                plot.Title($"feature {data["feature"]}: activations > 0 in the top contexts");
                return plot;
            }));
        }

        return new ViewOutput(data, notes, charts);
    }
}
