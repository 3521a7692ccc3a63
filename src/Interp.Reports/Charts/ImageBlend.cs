using Interp.Imaging;
using SkiaSharp;

namespace Interp.Reports.Charts;

/// <summary>A heat map (from <see cref="AttributionHeatmap.Heat"/>) blended over the gray input as a PNG, with the colours the pages use.</summary>
internal static class ImageBlend
{
    public static byte[] Png(float[] heat, int width, int height, HeatmapMode mode, ReportImage? image)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int p = (y * width) + x;
                var (r, g, b, a) = Colour(heat[p], mode);
                float gray = image is null ? 255 : (0.299f * image.Rgb[3 * p]) + (0.587f * image.Rgb[(3 * p) + 1]) + (0.114f * image.Rgb[(3 * p) + 2]);
                byte Blend(float h) => (byte)Math.Clamp((gray * (1 - a)) + (h * a), 0, 255);
                bitmap.SetPixel(x, y, new SKColor(Blend(r), Blend(g), Blend(b)));
            }
        }

        using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    /// <summary>Signed: red positive, blue negative, alpha ∝ |v|. Absolute: black → red → yellow → white.</summary>
    public static (float R, float G, float B, float Alpha) Colour(float v, HeatmapMode mode)
    {
        if (mode == HeatmapMode.Signed)
        {
            float a = Math.Abs(v);
            return v >= 0 ? (230, 30, 30, 0.85f * a) : (30, 80, 230, 0.85f * a);
        }

        float r = Math.Clamp(v * 3, 0, 1), g = Math.Clamp((v * 3) - 1, 0, 1), b = Math.Clamp((v * 3) - 2, 0, 1);
        return (255 * r, 255 * g, 255 * b, 0.15f + (0.75f * v));
    }
}
