using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>Global importance (permutation importance, mean |SHAP|): sorted bars with standard-error whiskers.</summary>
internal sealed class ImportanceView : IReportView
{
    public string Script => "importance";

    public string Name => "importance";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "global_importance";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var importance = NestedArray.Read(envelope.Require("importance"), "importance").Data;
        var se = envelope.Get("standard_error") is { } s ? NestedArray.Read(s, "standard_error").Data : null;
        var names = envelope.Labels("feature_names") is { } n && n.Count == importance.Length
            ? n.ToArray() : Enumerable.Range(0, importance.Length).Select(i => "feature " + i).ToArray();
        var metric = envelope.Get("metric")?.GetString() ?? "importance";
        var data = new Dictionary<string, object?>
        {
            ["features"] = names,
            ["importance"] = Values.Finite(importance),
            ["standard_error"] = se is null ? null : Values.Finite(se),
            ["metric"] = metric,
        };
        return new ViewOutput(data, [], [new ReportChart("importance", () => BarCharts.Ranked(names, importance, se, metric))]);
    }
}
