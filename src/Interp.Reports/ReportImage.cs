namespace Interp.Reports;

/// <summary>An input image as 8-bit RGB pixels (row-major, 3 bytes a pixel), shown under image attributions.</summary>
public sealed record ReportImage
{
    /// <summary>Creates an image.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="rgb">Row-major RGB bytes, 3 × width × height.</param>
    public ReportImage(int width, int height, byte[] rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (width <= 0 || height <= 0 || rgb.Length != 3 * width * height)
        {
            throw new ArgumentException($"An RGB image of {width}×{height} needs {3 * width * height} bytes, got {rgb.Length}.", nameof(rgb));
        }

        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major RGB bytes.</summary>
    public IReadOnlyList<byte> Rgb { get; }

    /// <summary>An image from planar values ([channels, height, width], 1 or 3 channels) in 0..<paramref name="max"/>.</summary>
    /// <param name="planar">The values, channel planes one after another.</param>
    /// <param name="channels">1 (gray) or 3 (RGB).</param>
    /// <param name="height">Height.</param>
    /// <param name="width">Width.</param>
    /// <param name="max">The value shown as full intensity (1 for 0..1 data, 255 for 0..255).</param>
    public static ReportImage FromPlanar(ReadOnlySpan<float> planar, int channels, int height, int width, float max)
    {
        if (channels is not (1 or 3)) throw new ArgumentException("channels must be 1 or 3.", nameof(channels));
        if (planar.Length != channels * height * width) throw new ArgumentException("planar has the wrong length.", nameof(planar));
        var rgb = new byte[3 * height * width];
        for (int p = 0; p < height * width; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                float v = planar[((channels == 1 ? 0 : c) * height * width) + p] / max;
                rgb[(3 * p) + c] = (byte)Math.Clamp(MathF.Round(v * 255), 0, 255);
            }
        }

        return new ReportImage(width, height, rgb);
    }
}
