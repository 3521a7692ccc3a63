using ScottPlot;

namespace Interp.Reports;

/// <summary>A static chart of a report (ScottPlot for plots, SkiaSharp for image blends), saved as PNG and, where vector makes sense, SVG.</summary>
public sealed class ReportChart
{
    private readonly Func<Plot>? _plot;
    private readonly Func<byte[]>? _png;

    internal ReportChart(string name, Func<Plot> plot, int width = 800, int height = 500)
    {
        Name = name;
        _plot = plot;
        Width = width;
        Height = height;
    }

    internal ReportChart(string name, Func<byte[]> png)
    {
        Name = name;
        _png = png;
    }

    /// <summary>The chart's name, used in file names (<c>&lt;stem&gt;.&lt;name&gt;.png</c>).</summary>
    public string Name { get; }

    /// <summary>Whether the chart can be written as SVG (plots can; bitmap blends cannot).</summary>
    public bool HasSvg => _plot is not null;

    /// <summary>Width in pixels of plots.</summary>
    public int Width { get; }

    /// <summary>Height in pixels of plots.</summary>
    public int Height { get; }

    /// <summary>The chart as PNG bytes.</summary>
    public byte[] ToPng() => _png is not null ? _png() : _plot!().GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The chart as SVG text.</summary>
    /// <exception cref="InvalidOperationException">The chart is a bitmap (<see cref="HasSvg"/> is false).</exception>
    public string ToSvg() => _plot is not null ? _plot().GetSvgXml(Width, Height) : throw new InvalidOperationException($"Chart '{Name}' is a bitmap; it has no SVG form.");
}
