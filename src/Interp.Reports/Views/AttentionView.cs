using Interp.Explainers;
using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>
/// Attention: a head view (tokens on both sides, lines weighted by attention; layer and heads chosen) and a model view
/// (every layer × head as a thumbnail; click to focus). The pattern tensor is packed by <see cref="AttentionPacking"/>
/// to fit the page budget.
/// </summary>
internal sealed class AttentionView : IReportView
{
    public string Script => "attention";

    public string Name => "attention";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "attention";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var p = NestedArray.Read(envelope.Require("patterns"), "patterns");
        if (p.Rank != 4) throw new InterpException($"\"patterns\" must be [layers, heads, queries, keys]; it is [{string.Join(",", p.Shape)}].");
        int layers = p.Shape[0], heads = p.Shape[1], queries = p.Shape[2], keys = p.Shape[3];
        var tokens = envelope.Labels("tokens");
        var qTokens = tokens is not null && tokens.Count >= queries ? tokens.Take(queries).ToArray() : Enumerable.Range(0, queries).Select(i => "#" + i).ToArray();
        var kTokens = tokens is not null && tokens.Count >= keys ? tokens.Take(keys).ToArray() : Enumerable.Range(0, keys).Select(i => "#" + i).ToArray();
        var notes = new List<string>();
        var packed = AttentionPacking.Pack(p.Data, layers, heads, queries, keys, options.DataBudgetBytes, options.AttentionTopK, notes);
        var data = new Dictionary<string, object?>
        {
            ["layers"] = layers,
            ["heads"] = heads,
            ["queries"] = queries,
            ["keys"] = keys,
            ["query_tokens"] = qTokens,
            ["key_tokens"] = kTokens,
            ["patterns"] = packed,
        };
        var chart = new ReportChart("attention.l0h0", () =>
        {
            var grid = new double[queries, keys];
            for (int q = 0; q < queries; q++) for (int k = 0; k < keys; k++) grid[q, k] = p.Data[(q * keys) + k];
            return BarCharts.Heatmap(grid, qTokens, kTokens, "attention, layer 0 head 0 (rows: queries, columns: keys)", diverging: false);
        }, 900, 800);
        return new ViewOutput(data, notes, [chart]);
    }
}
