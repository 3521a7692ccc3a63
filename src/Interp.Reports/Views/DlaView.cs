using System.Text.Json;
using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>
/// Direct logit attribution: one signed bar per component (embeddings, each head, each MLP). No Abstractions type yet:
/// the provisional fields are <c>components</c> (names) and <c>contributions</c> ([components] or [examples, components]),
/// with optional <c>target_token</c>. Also draws the mechanistic pack's <c>decomposition</c> envelopes (<c>components</c>,
/// <c>contributions</c>, <c>target</c>, <c>target_value</c>, <c>bias_terms</c>, <c>position</c>).
/// </summary>
internal sealed class DlaView : IReportView
{
    public string Script => "mechanistic";

    public string Name => "dla";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind is "dla" or "decomposition";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var values = NestedArray.Read(envelope.Require("contributions"), "contributions");
        int n = values.Shape.Length == 0 ? 1 : values.Shape[^1];
        var names = envelope.Get("components") is { ValueKind: JsonValueKind.Array } c ? c.EnumerateArray().Select(x => x.GetString() ?? "?").ToArray() : [];
        if (names.Length != n) names = Enumerable.Range(0, n).Select(i => "component " + i).ToArray();
        int examples = values.Data.Length / Math.Max(1, n);
        var data = new Dictionary<string, object?>
        {
            ["components"] = names,
            ["examples"] = examples,
            ["values"] = Values.Finite(values.Data),
            ["target"] = (envelope.Get("target") ?? envelope.Get("target_token"))?.ToString(),
            ["target_value"] = envelope.Get("target_value") is { ValueKind: JsonValueKind.Number } tv ? tv.GetDouble() : null,
            ["bias_terms"] = envelope.Get("bias_terms") is { ValueKind: JsonValueKind.Number } bt ? bt.GetDouble() : null,
            ["position"] = envelope.Get("position") is { ValueKind: JsonValueKind.Number } pos ? pos.GetInt32() : null,
        };
        var first = values.Data.Take(n).ToArray();
        return new ViewOutput(data, [], [new ReportChart("dla", () => BarCharts.Signed(names, first, "direct logit attribution"))]);
    }
}
