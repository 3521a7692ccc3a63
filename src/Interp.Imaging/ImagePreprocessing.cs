using System.Globalization;
using System.Text.Json;
using Interp.Explainers;

namespace Interp.Imaging;

/// <summary>
/// How an image file becomes a model input: geometry (resize, crop), channels (order, grayscale), layout and value
/// normalization. Each pixel channel value <c>raw</c> in 0..255 becomes <c>(raw × Scale − Mean[c]) / Std[c]</c>.
/// Named presets are in <see cref="ImagePresets"/>; a JSON spec file is read by <see cref="Load"/>.
/// </summary>
/// <remarks>
/// <para>The JSON spec file is one object with snake_case fields, all optional except where a preset does not
/// supply them (comments and trailing commas are allowed; unknown fields are an error):</para>
/// <list type="bullet">
/// <item><c>preset</c>: the name of a preset to start from (<c>squeezenet</c>, <c>imagenet</c>, <c>mnist</c>); the other fields override it.</item>
/// <item><c>width</c>, <c>height</c>: the size of the model's image in pixels (the crop size with <c>shorter_side_then_center_crop</c>). Required without a preset.</item>
/// <item><c>resize</c>: <c>"stretch"</c> (default) or <c>"shorter_side_then_center_crop"</c>; see <see cref="ImageResizeMode"/>.</item>
/// <item><c>shorter_side</c>: the shorter side after resizing, for <c>shorter_side_then_center_crop</c> (e.g. 256).</item>
/// <item><c>channel_order</c>: <c>"rgb"</c> (default) or <c>"bgr"</c>.</item>
/// <item><c>layout</c>: <c>"nchw"</c> (default, planar) or <c>"nhwc"</c> (interleaved).</item>
/// <item><c>scale</c>: the factor applied to raw 0..255 values: a number, or a string <c>"1/255"</c>. Default 1.</item>
/// <item><c>mean</c>, <c>std</c>: per channel, in the model's channel order, applied after scaling: a list with one value per channel, or one number for all. Default: none (mean 0, std 1).</item>
/// <item><c>grayscale</c>: <c>true</c> for one luma channel (<c>L = (19595 R + 38470 G + 7471 B + 32768) &gt;&gt; 16</c>, PIL's <c>convert("L")</c>). Default false.</item>
/// </list>
/// </remarks>
public sealed record ImagePreprocessing
{
    /// <summary>The largest accepted width or height.</summary>
    public const int MaxSide = 16384;

    /// <summary>A name for messages and labels: the preset name or the spec file.</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Width of the model's image in pixels (the crop width with <see cref="ImageResizeMode.ShorterSideThenCenterCrop"/>).</summary>
    public int Width { get; init; }

    /// <summary>Height of the model's image in pixels (the crop height with <see cref="ImageResizeMode.ShorterSideThenCenterCrop"/>).</summary>
    public int Height { get; init; }

    /// <summary>How the image is brought to <see cref="Width"/> × <see cref="Height"/>.</summary>
    public ImageResizeMode ResizeMode { get; init; } = ImageResizeMode.Stretch;

    /// <summary>The shorter side after resizing, for <see cref="ImageResizeMode.ShorterSideThenCenterCrop"/> (at least Width and Height).</summary>
    public int? ShorterSide { get; init; }

    /// <summary>The order of the color channels (ignored with <see cref="Grayscale"/>).</summary>
    public ImageChannelOrder ChannelOrder { get; init; } = ImageChannelOrder.Rgb;

    /// <summary>Planar [N,C,H,W] or interleaved [N,H,W,C].</summary>
    public ImageLayout Layout { get; init; } = ImageLayout.Nchw;

    /// <summary>Factor applied to the raw 0..255 values, e.g. <c>1.0 / 255</c> for 0..1 inputs.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Per-channel mean subtracted after scaling, in the model's channel order; null: 0.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <summary>Per-channel standard deviation divided by after subtracting the mean, in the model's channel order; null: 1.</summary>
    public IReadOnlyList<double>? Std { get; init; }

    /// <summary>One luma channel instead of three colors (MNIST-style models).</summary>
    public bool Grayscale { get; init; }

    /// <summary>Channels of the model's image: 1 with <see cref="Grayscale"/>, else 3.</summary>
    public int Channels => Grayscale ? 1 : 3;

    /// <summary>Scalars per image: Channels × Height × Width.</summary>
    public int ExampleLength => Channels * Height * Width;

    /// <summary>The tensor shape of <paramref name="batch"/> images: [N,C,H,W] or [N,H,W,C].</summary>
    /// <param name="batch">The number of images.</param>
    public int[] Shape(int batch) => Layout == ImageLayout.Nchw ? [batch, Channels, Height, Width] : [batch, Height, Width, Channels];

    /// <summary>
    /// The image geometry for explanation labels: channels, height, width and a layout text such as
    /// <c>CHW BGR 0..255</c> or <c>CHW RGB 0..1 normalized mean [0.485,0.456,0.406] std [0.229,0.224,0.225]</c>.
    /// </summary>
    public ImageInfo ToImageInfo() => new(Channels, Height, Width, Describe());

    /// <summary>Checks every field.</summary>
    /// <exception cref="InterpException">A field is out of range; the message names it (a configuration error).</exception>
    public void Validate()
    {
        var errors = new List<string>();
        CheckSide(errors, "width", Width);
        CheckSide(errors, "height", Height);
        if (!Enum.IsDefined(ResizeMode)) errors.Add($"resize: unknown mode {(int)ResizeMode}");
        if (!Enum.IsDefined(ChannelOrder)) errors.Add($"channel_order: unknown order {(int)ChannelOrder}");
        if (!Enum.IsDefined(Layout)) errors.Add($"layout: unknown layout {(int)Layout}");
        if (ResizeMode == ImageResizeMode.ShorterSideThenCenterCrop)
        {
            if (ShorterSide is not int s)
            {
                errors.Add("shorter_side is required with resize 'shorter_side_then_center_crop' (e.g. 256 for a 224 crop)");
            }
            else if (s < Math.Max(Width, Height) || s > MaxSide)
            {
                errors.Add($"shorter_side must be at least the crop size (width {Width}, height {Height}) and at most {MaxSide}, got {s}");
            }
        }

        if (!double.IsFinite(Scale) || Scale == 0) errors.Add($"scale must be a finite non-zero number, got {Format(Scale)}");
        CheckPerChannel(errors, "mean", Mean, positive: false);
        CheckPerChannel(errors, "std", Std, positive: true);
        if (errors.Count == 0 && (long)Channels * Height * Width > int.MaxValue / 64)
        {
            errors.Add($"{Width}x{Height}x{Channels} is too large an image");
        }

        if (errors.Count > 0)
        {
            throw new InterpException($"Image preprocessing '{Name}': {string.Join("; ", errors)}.") { IsConfigurationError = true };
        }
    }

    /// <summary>Reads a JSON spec file (fields in the remarks of <see cref="ImagePreprocessing"/> and in docs/images.md) and validates it.</summary>
    /// <param name="path">The .json file.</param>
    /// <exception cref="InterpException">Missing file, invalid JSON, an unknown field or an invalid value; the message names the file and the field.</exception>
    public static ImagePreprocessing Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"Image preprocessing file '{path}' does not exist.") { IsConfigurationError = true };
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InterpException($"Image preprocessing file '{path}' is not valid JSON: {ex.Message}", ex) { IsConfigurationError = true };
        }

        using (doc)
        {
            var spec = FromJson(doc.RootElement, path);
            spec.Validate();
            return spec;
        }
    }

    private static ImagePreprocessing FromJson(JsonElement root, string path)
    {
        InterpException Error(string message) => new($"Image preprocessing file '{path}': {message}") { IsConfigurationError = true };
        if (root.ValueKind != JsonValueKind.Object) throw Error($"expected a JSON object, got {root.ValueKind}.");

        var spec = new ImagePreprocessing();
        if (root.TryGetProperty("preset", out var preset))
        {
            if (preset.ValueKind != JsonValueKind.String) throw Error("preset must be a string (a preset name).");
            spec = ImagePresets.TryGet(preset.GetString()!, out var basis)
                ? basis
                : throw Error($"unknown preset '{preset.GetString()}'; known presets: {string.Join(", ", ImagePresets.Names)}.");
        }

        spec = spec with { Name = path };
        foreach (var field in root.EnumerateObject())
        {
            var v = field.Value;
            spec = field.Name switch
            {
                "preset" => spec,
                "width" => spec with { Width = Int(v, field.Name) },
                "height" => spec with { Height = Int(v, field.Name) },
                "shorter_side" => spec with { ShorterSide = v.ValueKind == JsonValueKind.Null ? null : Int(v, field.Name) },
                "resize" => spec with { ResizeMode = EnumValue<ImageResizeMode>(v, field.Name, "\"stretch\" or \"shorter_side_then_center_crop\"") },
                "channel_order" => spec with { ChannelOrder = EnumValue<ImageChannelOrder>(v, field.Name, "\"rgb\" or \"bgr\"") },
                "layout" => spec with { Layout = EnumValue<ImageLayout>(v, field.Name, "\"nchw\" or \"nhwc\"") },
                "scale" => spec with { Scale = ScaleValue(v) },
                "mean" => spec with { Mean = PerChannel(v, field.Name) },
                "std" => spec with { Std = PerChannel(v, field.Name) },
                "grayscale" => spec with
                {
                    Grayscale = v.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw Error($"grayscale must be true or false, got {v.ValueKind}."),
                    },
                },
                _ => throw Error($"unknown field '{field.Name}'; known fields: {string.Join(", ", KnownFields)}."),
            };
        }

        return spec;

        int Int(JsonElement v, string name) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Error($"{name} must be an integer, got {v.GetRawText()}.");

        T EnumValue<T>(JsonElement v, string name, string expected) where T : struct, Enum
        {
            var text = v.ValueKind == JsonValueKind.String ? v.GetString()!.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal) : null;
            return text is not null && !int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var e)
                ? e
                : throw Error($"{name} must be {expected}, got {v.GetRawText()}.");
        }

        double ScaleValue(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
            var parts = v.ValueKind == JsonValueKind.String ? v.GetString()!.Split('/', StringSplitOptions.TrimEntries) : [];
            double num = 0, den = 1;
            bool ok = parts.Length is 1 or 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out num)
                && (parts.Length == 1 || double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out den));
            return ok && den != 0 ? num / den : throw Error($"scale must be a number or a fraction such as \"1/255\", got {v.GetRawText()}.");
        }

        double[] PerChannel(JsonElement v, string name)
        {
            if (v.ValueKind == JsonValueKind.Number) return [v.GetDouble()];
            if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number))
            {
                return v.EnumerateArray().Select(e => e.GetDouble()).ToArray();
            }

            throw Error($"{name} must be a list of numbers (one per channel) or one number, got {v.GetRawText()}.");
        }
    }

    private static readonly string[] KnownFields =
        ["preset", "width", "height", "resize", "shorter_side", "channel_order", "layout", "scale", "mean", "std", "grayscale"];

    /// <summary>The per-channel value of <paramref name="values"/> (one value broadcast to every channel), or <paramref name="fallback"/>.</summary>
    internal static double ChannelValue(IReadOnlyList<double>? values, int channel, double fallback) =>
        values is null ? fallback : values.Count == 1 ? values[0] : values[channel];

    private void CheckPerChannel(List<string> errors, string name, IReadOnlyList<double>? values, bool positive)
    {
        if (values is null) return;
        if (values.Count != 1 && values.Count != Channels)
        {
            errors.Add($"{name} needs {Channels} value(s) (one per channel{(Grayscale ? ", grayscale" : "")}) or 1, got {values.Count}");
            return;
        }

        foreach (var x in values)
        {
            if (!double.IsFinite(x) || (positive && x <= 0))
            {
                errors.Add($"{name} values must be finite{(positive ? " and positive" : "")}, got {Format(x)}");
                return;
            }
        }
    }

    private static void CheckSide(List<string> errors, string name, int value)
    {
        if (value < 1 || value > MaxSide) errors.Add($"{name} must be in 1..{MaxSide}, got {value}");
    }

    private string Describe()
    {
        var layout = Layout == ImageLayout.Nchw ? "CHW" : "HWC";
        var channels = Grayscale ? "gray" : ChannelOrder == ImageChannelOrder.Rgb ? "RGB" : "BGR";
        string range = Scale == 1 ? "0..255" : Math.Abs(Scale - 1.0 / 255) < 1e-12 ? "0..1" : $"0..255 x {Format(Scale)}";
        var text = $"{layout} {channels} {range}";
        if (Mean is not null || Std is not null)
        {
            text += " normalized";
            if (Mean is not null) text += $" mean [{string.Join(",", Mean.Select(Format))}]";
            if (Std is not null) text += $" std [{string.Join(",", Std.Select(Format))}]";
        }

        return text;
    }

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
