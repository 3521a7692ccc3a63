namespace Interp.Imaging;

/// <summary>How attributions become a heatmap.</summary>
public enum HeatmapMode
{
    /// <summary>Sum over channels, positive red and negative blue, scaled by the largest |value|.</summary>
    Signed,

    /// <summary>Sum of |value| over channels, a black-red-yellow-white ramp, scaled by the largest value.</summary>
    Absolute,
}
