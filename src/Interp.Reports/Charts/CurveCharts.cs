using ScottPlot;

namespace Interp.Reports.Charts;

/// <summary>Deletion and insertion curves (model output vs fraction of features removed/added), with the random-order references.</summary>
internal static class CurveCharts
{
    public static Plot DeletionInsertion(Dictionary<string, float?[][]> curves, int example)
    {
        var plot = new Plot();
        var x = curves["curve_fraction"][example].Select(v => (double)(v ?? double.NaN)).ToArray();
        void Line(string name, Color colour, LinePattern pattern)
        {
            if (!curves.TryGetValue(name, out var c) || example >= c.Length) return;
            var s = plot.Add.ScatterLine(x, c[example].Select(v => (double)(v ?? double.NaN)).ToArray(), colour);
            s.LinePattern = pattern;
            s.LegendText = name.Replace('_', ' ');
        }

        Line("deletion_curve", Palette.Negative, LinePattern.Solid);
        Line("deletion_curve_random", Palette.Negative, LinePattern.Dashed);
        Line("insertion_curve", Palette.Positive, LinePattern.Solid);
        Line("insertion_curve_random", Palette.Positive, LinePattern.Dashed);
        plot.ShowLegend();
        plot.Title($"Deletion / insertion, example {example}");
        plot.XLabel("fraction of features removed / inserted (most important first)");
        plot.YLabel("model output for the target");
        return plot;
    }
}
