using ScottPlot;

namespace Interp.Reports.Charts;

/// <summary>The colours shared by the static charts and the pages (positive red, negative blue, low→high blue→red).</summary>
internal static class Palette
{
    public static Color Positive { get; } = new(230, 30, 80);

    public static Color Negative { get; } = new(30, 136, 229);

    public static Color Neutral { get; } = new(140, 140, 140);

    /// <summary>Blue (0) → purple → red (1), like the pages' feature-value scale.</summary>
    public static Color Ramp(double t)
    {
        t = Math.Clamp(t, 0, 1);
        return new Color((byte)(30 + (200 * t)), (byte)(136 - (106 * t)), (byte)(229 - (149 * t)));
    }
}
