using Interp.Explainers;
using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>
/// Head-detector scores (previous-token, duplicate-token, induction, ...): a layer × head heatmap. No Abstractions type yet:
/// the provisional fields are <c>detector</c> (name) and <c>scores</c> [layers, heads]. Also draws the mechanistic pack's
/// <c>head_scores</c> envelopes (<c>detectors</c> names, <c>scores</c> [detectors, layers, heads]) with a detector selector.
/// </summary>
internal sealed class HeadDetectorView : IReportView
{
    public string Script => "mechanistic";

    public string Name => "head_detector";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind is "head_detector" or "head_scores";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var scores = NestedArray.Read(envelope.Require("scores"), "scores");
        if (scores.Rank is not (2 or 3)) throw new InterpException($"\"scores\" must be [layers, heads] or [detectors, layers, heads]; it is [{string.Join(",", scores.Shape)}].");
        int detectors = scores.Rank == 3 ? scores.Shape[0] : 1;
        var names = envelope.Get("detectors") is { ValueKind: System.Text.Json.JsonValueKind.Array } list ? list.EnumerateArray().Select(x => x.GetString() ?? "?").ToArray() : [];
        if (names.Length != detectors) names = detectors == 1 ? [envelope.Get("detector")?.GetString() ?? envelope.Method] : Enumerable.Range(0, detectors).Select(i => "detector " + i).ToArray();
        var detector = names[0];
        if (scores.Rank == 3) scores = new NestedArray(scores.Shape[1..], scores.Data);
        var data = new Dictionary<string, object?>
        {
            ["detector"] = detector,
            ["detectors"] = names,
            ["shape"] = scores.Shape,
            ["scores"] = Values.Finite(scores.Data),
        };
        var chart = new ReportChart("heads", () =>
        {
            var grid = new double[scores.Shape[0], scores.Shape[1]];
            for (int l = 0; l < scores.Shape[0]; l++) for (int h = 0; h < scores.Shape[1]; h++) grid[l, h] = scores.Data[(l * scores.Shape[1]) + h];
            return BarCharts.Heatmap(grid, Enumerable.Range(0, scores.Shape[0]).Select(i => "L" + i).ToArray(), Enumerable.Range(0, scores.Shape[1]).Select(i => "H" + i).ToArray(), detector + " score", diverging: false);
        });
        return new ViewOutput(data, [], [chart]);
    }
}
