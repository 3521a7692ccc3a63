using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>A linear probe: held-out accuracy, the weight norm of each class and its largest weights.</summary>
internal sealed class ProbeView : IReportView
{
    public string Script => "mechanistic";

    public string Name => "probe";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "probe";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var weights = NestedArray.Read(envelope.Require("weights"), "weights");
        int classes = weights.Rank == 2 ? weights.Shape[0] : 1, d = weights.Rank == 2 ? weights.Shape[1] : weights.Data.Length;
        var names = envelope.Labels("output_names") is { } o && o.Count == classes ? o.ToArray() : Enumerable.Range(0, classes).Select(i => "class " + i).ToArray();
        var norms = Enumerable.Range(0, classes).Select(c => Math.Sqrt(Enumerable.Range(0, d).Sum(j => weights.Data[(c * d) + j] * weights.Data[(c * d) + j]))).ToArray();
        var top = Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, d).OrderByDescending(j => Math.Abs(weights.Data[(c * d) + j])).Take(10)
            .Select(j => new Dictionary<string, object?> { ["dim"] = j, ["w"] = (float)weights.Data[(c * d) + j] }).ToArray()).ToArray();
        var data = new Dictionary<string, object?>
        {
            ["hook_point"] = envelope.Get("hook_point")?.GetString(),
            ["accuracy"] = envelope.Get("accuracy")?.GetDouble(),
            ["classes"] = names,
            ["dims"] = d,
            ["norms"] = Values.Finite(norms),
            ["top"] = top,
        };
        return new ViewOutput(data, [], [new ReportChart("norms", () => BarCharts.Ranked(names, norms, null, "probe weight norm per class"))]);
    }
}
