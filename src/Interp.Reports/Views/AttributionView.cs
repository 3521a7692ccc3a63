using System.Text.Json;
using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>
/// Local attributions: image heatmaps blended over the input (signed and absolute) with deletion/insertion curves when
/// the quality section has them; token heatmaps for token attributions; signed bars for tabular features; else the
/// largest entries.
/// </summary>
internal sealed class AttributionView : IReportView
{
    public string Script => "attribution";

    public string Name => "attribution";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "attribution";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var a = NestedArray.Read(envelope.Require("attributions"), "attributions");
        if (a.Rank < 1 || a.Shape[0] == 0) throw new Interp.Explainers.InterpException("\"attributions\" is empty.");
        var notes = new List<string>();
        int n = a.Shape[0], shown = Math.Min(n, options.MaxExamples);
        if (shown < n) notes.Add($"Showing the first {shown} of {n} examples.");
        var targets = Ints(envelope.Get("target"));
        var outputNames = envelope.Labels("output_names");
        var examples = new List<Dictionary<string, object?>>();
        var charts = new List<ReportChart>();
        string mode = AttributionModes.Detect(envelope, a);
        for (int i = 0; i < shown; i++)
        {
            int? target = targets is not null && i < targets.Length ? targets[i] : null;
            var ex = new Dictionary<string, object?>
            {
                ["index"] = i,
                ["target"] = target,
                ["target_name"] = target is int t && outputNames is not null && t >= 0 && t < outputNames.Count ? outputNames[t] : null,
                ["output"] = Number(envelope.Get("output_at_input"), i),
                ["output_baseline"] = Number(envelope.Get("output_at_baseline"), i),
                ["delta"] = Number(envelope.Get("convergence_delta"), i),
                ["sum"] = a.Row(i).Where(double.IsFinite).Sum(),
            };
            AttributionModes.Fill(mode, envelope, a, i, ex, options, charts, notes);
            examples.Add(ex);
        }

        var data = new Dictionary<string, object?>
        {
            ["mode"] = mode,
            ["method"] = envelope.Method,
            ["shape"] = a.Shape,
            ["examples"] = examples,
            ["curves"] = AttributionCurves.Read(envelope, shown),
        };
        if (data["curves"] is Dictionary<string, float?[][]> curves) charts.Add(new ReportChart("curves", () => CurveCharts.DeletionInsertion(curves, 0)));
        return new ViewOutput(data, notes, charts);
    }

    internal static int[]? Ints(JsonElement? e) => e is { } v ? NestedArray.Read(v, "target").Data.Select(x => (int)x).ToArray() : null;

    private static double? Number(JsonElement? e, int i)
    {
        if (e is not { } v) return null;
        var arr = NestedArray.Read(v, "values").Data;
        return i < arr.Length && double.IsFinite(arr[i]) ? arr[i] : null;
    }
}
