using System.Text.Json;
using Interp.Explainers;
using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>Activation patching: heatmaps over the named axes (layer × position, layer × head), raw or normalised to clean/corrupted.</summary>
internal sealed class PatchingView : IReportView
{
    public string Script => "mechanistic";

    public string Name => "patching";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "patching";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var effects = NestedArray.Read(envelope.Require("effects"), "effects");
        var axes = envelope.Get("axes") is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(x => x.GetString() ?? "?").ToArray() : [];
        if (axes.Length != effects.Rank) axes = Enumerable.Range(0, effects.Rank).Select(i => "axis " + i).ToArray();
        if (effects.Rank is < 1 or > 3) throw new InterpException($"\"effects\" must have 1 to 3 axes; it has {effects.Rank}.");
        var labels = axes.Select((name, d) => AxisLabels(envelope, name, effects.Shape[d])).ToArray();
        double clean = envelope.Get("clean_metric")?.GetDouble() ?? double.NaN, corrupted = envelope.Get("corrupted_metric")?.GetDouble() ?? double.NaN;

        // The page normalises raw metrics itself (and can show them raw): take "raw_metrics" when the envelope has them
        // ("effects" are then already normalised); otherwise "effects" are the raw metric.
        var raw = envelope.Get("raw_metrics") is { ValueKind: JsonValueKind.Array } rm ? NestedArray.Read(rm, "raw_metrics") : effects;
        if (!raw.Shape.SequenceEqual(effects.Shape)) throw new InterpException($"\"raw_metrics\" [{string.Join(",", raw.Shape)}] and \"effects\" [{string.Join(",", effects.Shape)}] differ in shape.");
        var data = new Dictionary<string, object?>
        {
            ["axes"] = axes,
            ["shape"] = effects.Shape,
            ["labels"] = labels,
            ["effects"] = Values.Finite(raw.Data),
            ["clean"] = Values.Number(clean),
            ["corrupted"] = Values.Number(corrupted),
            ["hook_point"] = envelope.Get("hook_point")?.GetString(),
        };
        ReportChart chart = effects.Rank == 1
            ? new ReportChart("patching", () => BarCharts.Signed(labels[0], effects.Data, "patching effect"))
            : new ReportChart("patching", () =>
            {
                int rows = effects.Shape[0], cols = effects.Shape[1];
                var grid = new double[rows, cols];
                for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) grid[r, c] = effects.Data[(r * cols) + c];
                return BarCharts.Heatmap(grid, labels[0], labels[1], $"patching {data["hook_point"]} ({axes[0]} × {axes[1]})", diverging: true);
            }, 1000, 600);
        return new ViewOutput(data, effects.Rank == 3 ? [$"Three axes: the page shows one {axes[0]} at a time (chosen above the map)."] : [], [chart]);
    }

    internal static string[] AxisLabels(ReportEnvelope e, string axis, int size)
    {
        var tokens = e.Labels("tokens");
        if (axis.StartsWith("pos", StringComparison.OrdinalIgnoreCase) && tokens is not null && tokens.Count == size)
        {
            return tokens.Select((t, i) => $"{i}:{t}").ToArray();
        }

        string prefix = axis.StartsWith("layer", StringComparison.OrdinalIgnoreCase) ? "L" : axis.StartsWith("head", StringComparison.OrdinalIgnoreCase) ? "H" : string.Empty;
        return Enumerable.Range(0, size).Select(i => prefix + i).ToArray();
    }
}
