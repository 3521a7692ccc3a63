using ScottPlot;

namespace Interp.Reports.Charts;

/// <summary>Horizontal bar charts: ranked importances and signed contributions.</summary>
internal static class BarCharts
{
    /// <summary>The largest values, sorted, with optional error whiskers.</summary>
    public static Plot Ranked(IReadOnlyList<string> names, double[] values, double[]? errors, string title, int top = 25)
    {
        var plot = new Plot();
        var order = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).OrderBy(i => values[i]).TakeLast(top).ToList();
        var bars = order.Select((i, pos) => new Bar
        {
            Position = pos, Value = values[i], FillColor = Palette.Negative,
            Error = errors is not null && double.IsFinite(errors[i]) ? errors[i] : 0,
        }).ToArray();
        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, order.Count).Select(i => (double)i).ToArray(), order.Select(i => names[i]).ToArray());
        plot.Title(title);
        return plot;
    }

    /// <summary>Signed values sorted by magnitude (largest at the top), red positive, blue negative.</summary>
    public static Plot Signed(IReadOnlyList<string> names, double[] values, string title, int top = 20)
    {
        var plot = new Plot();
        var order = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).OrderBy(i => Math.Abs(values[i])).TakeLast(top).ToList();
        var bars = order.Select((i, pos) => new Bar { Position = pos, Value = values[i], FillColor = values[i] >= 0 ? Palette.Positive : Palette.Negative }).ToArray();
        var bp = plot.Add.Bars(bars);
        bp.Horizontal = true;
        plot.Add.VerticalLine(0, 1, Palette.Neutral);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, order.Count).Select(i => (double)i).ToArray(), order.Select(i => names[i]).ToArray());
        plot.Title(title);
        return plot;
    }

    /// <summary>A heatmap of [rows, columns] values with row/column labels and a colour bar.</summary>
    public static Plot Heatmap(double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, string title, bool diverging)
    {
        var plot = new Plot();
        var hm = plot.Add.Heatmap(values);
        hm.Colormap = diverging ? new ScottPlot.Colormaps.MellowRainbow() : new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(hm);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i)).ToArray(), Thin(rowLabels, 40));
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, cols).Select(i => (double)i).ToArray(), Thin(columnLabels, 40));
        plot.Title(title);
        return plot;
    }

    private static string[] Thin(IReadOnlyList<string> labels, int max)
    {
        int step = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)max));
        return labels.Select((l, i) => i % step == 0 ? l : string.Empty).ToArray();
    }
}
