using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>SHAP: waterfall and force plot of one row, beeswarm and bar (global), dependence scatter coloured by the strongest interacting feature.</summary>
internal sealed class ShapView : IReportView
{
    public string Script => "shap";

    public string Name => "shap";

    public bool Accepts(ReportEnvelope envelope) => envelope.Kind == "shap";

    public ViewOutput Build(ReportEnvelope envelope, ReportOptions options)
    {
        var d = ShapData.Read(envelope);
        var notes = new List<string>();
        int[] rows = Sample(d.Rows, options.MaxRows);
        if (rows.Length < d.Rows)
        {
            notes.Add($"Showing {rows.Length} of {d.Rows} rows (every {(double)d.Rows / rows.Length:0.#}th row) in the row selector, beeswarm and dependence plots; mean |SHAP| is over all rows.");
        }

        int f = d.Features.Length, c = d.Classes;
        var phi = new float?[rows.Length * c * f];
        var baseValues = new float?[rows.Length * c];
        var x = d.X is null ? null : new float?[rows.Length * f];
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            for (int k = 0; k < c * f; k++) phi[(i * c * f) + k] = Fin(d.Phi[(r * c * f) + k]);
            for (int k = 0; k < c; k++) baseValues[(i * c) + k] = Fin(d.Base[(r * c) + k]);
            if (x is not null) for (int k = 0; k < f; k++) x[(i * f) + k] = Fin(d.X![(r * f) + k]);
        }

        var outputs = envelope.Labels("output_names");
        var data = new Dictionary<string, object?>
        {
            ["features"] = d.Features,
            ["classes"] = c,
            ["multiclass"] = d.Multiclass,
            ["class_names"] = outputs is not null && outputs.Count == c ? outputs : Enumerable.Range(0, c).Select(i => "class " + i).ToArray(),
            ["rows"] = rows,
            ["base"] = baseValues,
            ["phi"] = phi,
            ["x"] = x,
            ["interaction"] = d.Interaction,
            ["mean_abs"] = Values.Finite(d.MeanAbs),
            ["output_space"] = envelope.Get("output_space")?.GetString() ?? "raw",
            ["feature_perturbation"] = envelope.Get("feature_perturbation")?.GetString(),
        };
        var charts = new List<ReportChart>
        {
            new("waterfall", () => ShapCharts.Waterfall(d, 0, 0)),
            new("bar", () => ShapCharts.Bar(d, 0)),
            new("beeswarm", () => ShapCharts.Beeswarm(d, 0, rows), 900, 600),
        };
        if (d.X is not null) charts.Add(new ReportChart("dependence", () => ShapCharts.Dependence(d, 0, rows)));
        return new ViewOutput(data, notes, charts);
    }

    private static float? Fin(double v) => double.IsFinite(v) ? (float)v : null;

    /// <summary>At most <paramref name="max"/> row indices, evenly spaced, always starting at row 0.</summary>
    internal static int[] Sample(int count, int max)
    {
        if (count <= max) return Enumerable.Range(0, count).ToArray();
        return Enumerable.Range(0, max).Select(i => (int)((long)i * count / max)).ToArray();
    }
}
