using System.Text.Json;
using Interp.Explainers;
using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>Logit lens: a layer × position table of the top token and its probability, coloured by probability (top-k on hover).</summary>
internal sealed class LensView : IReportView
{
    public string Script => "mechanistic";

    public string Name => "lens";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "lens";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var ids = NestedArray.Read(envelope.Require("top_tokens"), "top_tokens");
        var probs = NestedArray.Read(envelope.Require("top_probabilities"), "top_probabilities");
        if (ids.Rank != 3 || !ids.Shape.SequenceEqual(probs.Shape))
        {
            throw new InterpException($"\"top_tokens\" and \"top_probabilities\" must both be [layers, positions, k]; they are [{string.Join(",", ids.Shape)}] and [{string.Join(",", probs.Shape)}].");
        }

        int layers = ids.Shape[0], positions = ids.Shape[1];
        var layerNames = envelope.Get("layer_names") is { ValueKind: JsonValueKind.Array } ln ? ln.EnumerateArray().Select(x => x.GetString() ?? "?").ToArray() : [];
        if (layerNames.Length != layers) layerNames = Enumerable.Range(0, layers).Select(i => "layer " + i).ToArray();
        var tokens = envelope.Labels("tokens");
        var posNames = tokens is not null && tokens.Count == positions ? tokens.ToArray() : Enumerable.Range(0, positions).Select(i => "#" + i).ToArray();
        var vocab = Vocabulary(envelope, ids.Data);
        var data = new Dictionary<string, object?>
        {
            ["layers"] = layerNames,
            ["positions"] = posNames,
            ["k"] = ids.Shape[2],
            ["ids"] = ids.Data.Select(v => (int)v).ToArray(),
            ["probs"] = Values.Finite(probs.Data),
            ["vocab"] = vocab,
        };
        var chart = new ReportChart("lens", () =>
        {
            var grid = new double[layers, positions];
            for (int l = 0; l < layers; l++) for (int p = 0; p < positions; p++) grid[l, p] = probs.Data[((l * positions) + p) * ids.Shape[2]];
            return BarCharts.Heatmap(grid, layerNames, posNames, "logit lens: probability of the top token", diverging: false);
        }, 1000, 600);
        return new ViewOutput(data, vocab.Count == 0 ? ["Token strings are not in the envelope: the table shows token ids."] : [], [chart]);
    }

    /// <summary>Id → string for the ids used: the lens's own <c>token_texts</c>, else <c>labels.output_names</c> as a vocabulary.</summary>
    private static Dictionary<string, string> Vocabulary(ReportEnvelope e, double[] ids)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.Get("token_texts") is { ValueKind: JsonValueKind.Object } texts)
        {
            foreach (var p in texts.EnumerateObject()) result[p.Name] = p.Value.GetString() ?? p.Name;
            return result;
        }

        var names = e.Labels("output_names") ?? e.Labels("vocab");
        if (names is not null)
        {
            foreach (var id in ids.Where(v => v >= 0 && v < names.Count).Select(v => (int)v).Distinct()) result[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = names[id];
        }

        return result;
    }
}
