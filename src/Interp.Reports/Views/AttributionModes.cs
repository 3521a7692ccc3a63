using System.Text.Json;
using Interp.Explainers.Tensors;
using Interp.Imaging;
using Interp.Reports.Charts;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>How one example of an attribution is drawn: <c>image</c>, <c>text</c>, <c>tabular</c> or <c>generic</c>.</summary>
internal static class AttributionModes
{
    public static string Detect(ReportEnvelope e, NestedArray a)
    {
        var rowShape = a.Shape[1..];
        if (ImageGeometry(e) is { } g && rowShape.Length == 3) return "image";
        var tokens = e.Labels("tokens");
        if (tokens is not null && rowShape.Length >= 1 && rowShape[0] == tokens.Count) return "text";
        var features = e.Labels("feature_names");
        if (features is not null && rowShape.Length == 1 && rowShape[0] == features.Count) return "tabular";
        return "generic";
    }

    public static (int Height, int Width, ImageLayout Layout)? ImageGeometry(ReportEnvelope e)
    {
        if (e.Get("labels") is not { ValueKind: JsonValueKind.Object } labels || !labels.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.Object) return null;
        int h = image.TryGetProperty("height", out var hv) ? hv.GetInt32() : 0, w = image.TryGetProperty("width", out var wv) ? wv.GetInt32() : 0;
        var layout = image.TryGetProperty("layout", out var lv) && (lv.GetString() ?? string.Empty).StartsWith("HWC", StringComparison.OrdinalIgnoreCase) ? ImageLayout.Nhwc : ImageLayout.Nchw;
        return h > 0 && w > 0 ? (h, w, layout) : null;
    }

    public static void Fill(string mode, ReportEnvelope e, NestedArray a, int i, Dictionary<string, object?> ex, ReportOptions options, List<ReportChart> charts, List<string> notes)
    {
        var row = a.Row(i);
        switch (mode)
        {
            case "image":
                FillImage(e, a, i, ex, options, charts, notes);
                break;
            case "text":
            {
                var tokens = e.Labels("tokens")!;
                var perToken = Collapse(row, tokens.Count);
                ex["tokens"] = tokens;
                ex["values"] = Values.Finite(perToken);
                if (i == 0) charts.Add(new ReportChart("tokens", () => BarCharts.Signed(tokens.Select((t, k) => $"{k}:{t}").ToArray(), perToken, "token attributions, example 0")));
                break;
            }

            case "tabular":
            {
                var names = e.Labels("feature_names")!;
                ex["features"] = names;
                ex["values"] = Values.Finite(row);
                if (i == 0) charts.Add(new ReportChart("features", () => BarCharts.Signed(names, row, "attributions, example 0")));
                break;
            }

            default:
            {
                var rowShape = a.Shape[1..];
                var top = Enumerable.Range(0, row.Length).Where(k => double.IsFinite(row[k])).OrderByDescending(k => Math.Abs(row[k])).Take(30).ToArray();
                ex["top"] = top.Select(k => new Dictionary<string, object?> { ["index"] = Unravel(k, rowShape), ["value"] = (float)row[k] }).ToArray();
                break;
            }
        }
    }

    private static void FillImage(ReportEnvelope e, NestedArray a, int i, Dictionary<string, object?> ex, ReportOptions options, List<ReportChart> charts, List<string> notes)
    {
        var (h, w, layout) = ImageGeometry(e)!.Value;
        var map = new NdArray<float>(a.Row(i).Select(v => double.IsFinite(v) ? (float)v : 0f).ToArray(), a.Shape[1..]);
        var signed = AttributionHeatmap.Heat(map, h, w, layout, HeatmapMode.Signed);
        var abs = AttributionHeatmap.Heat(map, h, w, layout, HeatmapMode.Absolute);
        ex["width"] = w;
        ex["height"] = h;
        ex["heat_signed"] = Encoded.I8(signed, [h, w], 1);
        ex["heat_abs"] = Encoded.I8(abs, [h, w], 1);
        ReportImage? image = options.Images is { } images && i < images.Count ? images[i] : null;
        if (image is not null && (image.Width != w || image.Height != h))
        {
            notes.Add($"Input image {i} is {image.Width}×{image.Height}, the attributions {w}×{h}: drawn without the image.");
            image = null;
        }

        ex["image"] = image is null ? null : Encoded.Bytes(image.Rgb.ToArray(), [h, w, 3]);
        if (i == 0 && image is null && options.Images is null) notes.Add("The envelope holds no input image: heatmaps are drawn on white (pass --image to blend them over the input).");
        if (i < 8)
        {
            charts.Add(new ReportChart($"{i}.signed", () => ImageBlend.Png(signed, w, h, HeatmapMode.Signed, image)));
            charts.Add(new ReportChart($"{i}.abs", () => ImageBlend.Png(abs, w, h, HeatmapMode.Absolute, image)));
        }
    }

    private static double[] Collapse(double[] row, int tokens)
    {
        int per = row.Length / tokens;
        var result = new double[tokens];
        for (int t = 0; t < tokens; t++)
        {
            for (int k = 0; k < per; k++) result[t] += double.IsFinite(row[(t * per) + k]) ? row[(t * per) + k] : 0;
        }

        return result;
    }

    private static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return index;
    }
}
