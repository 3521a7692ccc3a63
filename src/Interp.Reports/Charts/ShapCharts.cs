using Interp.Reports.Views;
using ScottPlot;

namespace Interp.Reports.Charts;

/// <summary>ScottPlot versions of the SHAP views, for PNG/SVG files.</summary>
internal static class ShapCharts
{
    private const int TopFeatures = 12;

    public static Plot Waterfall(ShapData d, int row, int cls)
    {
        var plot = new Plot();
        int f = d.Features.Length;
        var order = Enumerable.Range(0, f).OrderByDescending(i => Math.Abs(d.At(row, cls, i))).ToList();
        var shown = order.Take(TopFeatures).ToList();
        double rest = order.Skip(TopFeatures).Sum(i => d.At(row, cls, i));
        var items = shown.Select(i => (Label: $"{d.Features[i]}{Value(d, row, i)}", Phi: d.At(row, cls, i))).ToList();
        if (order.Count > TopFeatures) items.Add(($"{order.Count - TopFeatures} other features", rest));
        items.Reverse(); // the cumulative sum runs from the bottom (base value) to the top (f(x))
        double start = d.Base[(row * d.Classes) + cls], at = start;
        var bars = new List<Bar>();
        for (int i = 0; i < items.Count; i++)
        {
            var (_, phi) = items[i];
            bars.Add(new Bar { Position = i, ValueBase = at, Value = at + phi, FillColor = phi >= 0 ? Palette.Positive : Palette.Negative, Label = phi.ToString("+0.###;-0.###", System.Globalization.CultureInfo.InvariantCulture) });
            at += phi;
        }

        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        plot.Add.VerticalLine(start, 1, Palette.Neutral, LinePattern.Dashed);
        plot.Add.VerticalLine(at, 1, Colors.Black, LinePattern.Dotted);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, items.Count).Select(i => (double)i).ToArray(), items.Select(i => i.Label).ToArray());
        plot.Title($"Row {row}: E[f(x)] = {start:G4} → f(x) = {at:G4}");
        plot.XLabel("model output");
        return plot;
    }

    public static Plot Bar(ShapData d, int cls)
    {
        var plot = new Plot();
        int f = d.Features.Length;
        var order = Enumerable.Range(0, f).OrderBy(i => d.MeanAbs[(cls * f) + i]).TakeLast(20).ToList();
        var bp = plot.Add.Bars(order.Select(i => d.MeanAbs[(cls * f) + i]).ToArray());
        bp.Horizontal = true;
        bp.Color = Palette.Negative;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, order.Count).Select(i => (double)i).ToArray(), order.Select(i => d.Features[i]).ToArray());
        plot.Title("mean |SHAP value|");
        plot.Axes.Margins(left: 0);
        return plot;
    }

    public static Plot Beeswarm(ShapData d, int cls, int[] rows)
    {
        var plot = new Plot();
        int f = d.Features.Length;
        var order = Enumerable.Range(0, f).OrderBy(i => d.MeanAbs[(cls * f) + i]).TakeLast(15).ToList();
        var random = new Random(0);
        for (int pos = 0; pos < order.Count; pos++)
        {
            int feature = order[pos];
            var (lo, hi) = Range(d, feature, rows);
            var buckets = new List<(double X, double Y)>[11];
            for (int b = 0; b < buckets.Length; b++) buckets[b] = [];
            foreach (var r in rows)
            {
                double v = d.At(r, cls, feature);
                if (!double.IsFinite(v)) continue;
                double fx = d.X is null ? double.NaN : d.X[(r * f) + feature];
                int bucket = double.IsFinite(fx) && hi > lo ? (int)Math.Round(Math.Clamp((fx - lo) / (hi - lo), 0, 1) * 9) : 10;
                buckets[bucket].Add((v, pos + ((random.NextDouble() - 0.5) * 0.6)));
            }

            for (int b = 0; b < buckets.Length; b++)
            {
                if (buckets[b].Count == 0) continue;
                plot.Add.Markers(buckets[b].Select(p => p.X).ToArray(), buckets[b].Select(p => p.Y).ToArray(), MarkerShape.FilledCircle, 4, b == 10 ? Palette.Neutral : Palette.Ramp(b / 9.0));
            }
        }

        plot.Add.VerticalLine(0, 1, Palette.Neutral);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, order.Count).Select(i => (double)i).ToArray(), order.Select(i => d.Features[i]).ToArray());
        plot.Title("SHAP values (colour: feature value, blue low → red high)");
        plot.XLabel("SHAP value");
        return plot;
    }

    public static Plot Dependence(ShapData d, int cls, int[] rows)
    {
        var plot = new Plot();
        int f = d.Features.Length;
        int feature = Enumerable.Range(0, f).MaxBy(i => d.MeanAbs[(cls * f) + i]);
        int other = d.Interaction is { } inter && inter[feature] >= 0 ? inter[feature] : -1;
        var (lo, hi) = other >= 0 ? Range(d, other, rows) : (0, 0);
        foreach (var r in rows)
        {
            double x = d.X![(r * f) + feature], y = d.At(r, cls, feature);
            if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
            double c = other >= 0 ? d.X[(r * f) + other] : double.NaN;
            var colour = double.IsFinite(c) && hi > lo ? Palette.Ramp((c - lo) / (hi - lo)) : Palette.Neutral;
            plot.Add.Marker(x, y, MarkerShape.FilledCircle, 5, colour);
        }

        plot.Title(other >= 0 ? $"{d.Features[feature]} (colour: {d.Features[other]})" : d.Features[feature]);
        plot.XLabel(d.Features[feature]);
        plot.YLabel("SHAP value for " + d.Features[feature]);
        return plot;
    }

    private static string Value(ShapData d, int row, int feature)
    {
        if (d.X is null) return string.Empty;
        double v = d.X[(row * d.Features.Length) + feature];
        return double.IsFinite(v) ? " = " + v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : " = NaN";
    }

    private static (double Lo, double Hi) Range(ShapData d, int feature, int[] rows)
    {
        if (d.X is null) return (0, 0);
        var values = rows.Select(r => d.X[(r * d.Features.Length) + feature]).Where(double.IsFinite).Order().ToArray();
        if (values.Length == 0) return (0, 0);
        return (values[(int)(0.05 * (values.Length - 1))], values[(int)(0.95 * (values.Length - 1))]);
    }
}
