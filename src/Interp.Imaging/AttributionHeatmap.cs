using Interp.Explainers;
using Interp.Explainers.Tensors;
using SkiaSharp;

namespace Interp.Imaging;

/// <summary>
/// Renders an attribution map blended over its image as a PNG: attributions of the image's shape ([C, H, W] or
/// [H, W, C] per the preprocessing layout) or a coarser map ([1, h, w], e.g. Grad-CAM, upsampled bilinearly).
/// Values are summed over channels; the colour scale runs to the 99.5th percentile of |value| so one hot pixel does
/// not wash out the rest. Reused by the HTML reports.
/// </summary>
public static class AttributionHeatmap
{
    /// <summary>The heat per pixel [H × W], scaled to [−1, 1] (signed) or [0, 1] (absolute).</summary>
    /// <param name="attributions">One example's attributions: [C, H, W], [H, W, C] (with <paramref name="layout"/>) or [1, h, w].</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    /// <param name="layout">Layout of image-shaped attributions.</param>
    /// <param name="mode">Signed or absolute.</param>
    public static float[] Heat(NdArray<float> attributions, int height, int width, ImageLayout layout, HeatmapMode mode)
    {
        ArgumentNullException.ThrowIfNull(attributions);
        var shape = attributions.ShapeArray;
        if (shape.Length != 3) throw new InterpException($"Heatmap: attributions must be [C,H,W], [H,W,C] or [1,h,w] per example, got {NdArray<float>.Format(shape)}.");
        bool hwc = layout == ImageLayout.Nhwc && shape[0] == height && shape[1] == width;
        int channels = hwc ? shape[2] : shape[0], h = hwc ? shape[0] : shape[1], w = hwc ? shape[1] : shape[2];
        var plane = new float[h * w];
        for (int c = 0; c < channels; c++)
        {
            for (int p = 0; p < h * w; p++)
            {
                float v = hwc ? attributions.Data[(p * channels) + c] : attributions.Data[(c * h * w) + p];
                plane[p] += mode == HeatmapMode.Absolute ? Math.Abs(v) : v;
            }
        }

        var heat = h == height && w == width ? plane : Upsample(plane, h, w, height, width);
        var magnitudes = heat.Select(Math.Abs).Order().ToArray();
        float scale = magnitudes.Length == 0 ? 0 : magnitudes[Math.Min(magnitudes.Length - 1, (int)(0.995 * magnitudes.Length))];
        if (scale <= 0) scale = magnitudes.Length == 0 ? 1 : Math.Max(magnitudes[^1], float.Epsilon);
        for (int i = 0; i < heat.Length; i++) heat[i] = Math.Clamp(heat[i] / scale, mode == HeatmapMode.Absolute ? 0 : -1, 1);
        return heat;
    }

    /// <summary>Writes the heatmap blended over <paramref name="imagePath"/> (shown with <paramref name="preprocessing"/>'s geometry) as a PNG, atomically.</summary>
    /// <param name="imagePath">The original image.</param>
    /// <param name="preprocessing">How it was fed to the model (its size, crop and layout are used).</param>
    /// <param name="attributions">One example's attributions.</param>
    /// <param name="mode">Signed or absolute.</param>
    /// <param name="outputPath">The PNG to write.</param>
    public static void WritePng(string imagePath, ImagePreprocessing preprocessing, NdArray<float> attributions, HeatmapMode mode, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        var display = preprocessing with { ChannelOrder = ImageChannelOrder.Rgb, Layout = ImageLayout.Nchw, Scale = 1, Mean = null, Std = null, Grayscale = false };
        var rgb = ImageLoader.Load(imagePath, display);
        int height = rgb.Shape[2], width = rgb.Shape[3];
        var heat = Heat(attributions, height, width, preprocessing.Layout, mode);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int p = (y * width) + x;
                var (hr, hg, hb, alpha) = Color(heat[p], mode);
                float Gray(int c) => rgb.Data[(c * height * width) + p];
                float gray = (0.299f * Gray(0)) + (0.587f * Gray(1)) + (0.114f * Gray(2));
                byte Blend(float image, float h) => (byte)Math.Clamp((image * (1 - alpha)) + (h * alpha), 0, 255);
                bitmap.SetPixel(x, y, new SKColor(Blend(gray, hr), Blend(gray, hg), Blend(gray, hb)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        var full = Path.GetFullPath(outputPath);
        var temp = full + "." + Environment.ProcessId + ".tmp";
        try
        {
            using (var stream = File.Create(temp)) data.SaveTo(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static (float R, float G, float B, float Alpha) Color(float v, HeatmapMode mode)
    {
        if (mode == HeatmapMode.Signed)
        {
            float a = Math.Abs(v);
            return v >= 0 ? (230, 30, 30, 0.85f * a) : (30, 80, 230, 0.85f * a);
        }

        // black → red → yellow → white
        float r = Math.Clamp(v * 3, 0, 1), g = Math.Clamp((v * 3) - 1, 0, 1), b = Math.Clamp((v * 3) - 2, 0, 1);
        return (255 * r, 255 * g, 255 * b, 0.15f + (0.75f * v));
    }

    private static float[] Upsample(float[] plane, int h, int w, int height, int width)
    {
        var result = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            double sy = Math.Clamp(((y + 0.5) * h / height) - 0.5, 0, h - 1);
            int y0 = (int)Math.Floor(sy), y1 = Math.Min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++)
            {
                double sx = Math.Clamp(((x + 0.5) * w / width) - 0.5, 0, w - 1);
                int x0 = (int)Math.Floor(sx), x1 = Math.Min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = (plane[(y0 * w) + x0] * (1 - fx)) + (plane[(y0 * w) + x1] * fx);
                double bottom = (plane[(y1 * w) + x0] * (1 - fx)) + (plane[(y1 * w) + x1] * fx);
                result[(y * width) + x] = (float)((top * (1 - fy)) + (bottom * fy));
            }
        }

        return result;
    }
}
