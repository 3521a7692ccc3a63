using Interp.Explainers;

namespace Interp.Imaging;

/// <summary>
/// Named <see cref="ImagePreprocessing"/> presets: <c>squeezenet</c>, <c>imagenet</c> and <c>mnist</c> (names are
/// case-insensitive). The CLI's <c>--preprocess</c> takes one of these names or a JSON spec file
/// (<see cref="Resolve"/>).
/// </summary>
public static class ImagePresets
{
    /// <summary>
    /// SqueezeNet 1.0 as converted from Caffe (shared/data/squeezenet1.0-fp16): 224 × 224 stretched, BGR, planar
    /// NCHW, raw 0..255 values, no mean subtraction.
    /// </summary>
    public static ImagePreprocessing SqueezeNet { get; } = new()
    {
        Name = "squeezenet",
        Width = 224,
        Height = 224,
        ChannelOrder = ImageChannelOrder.Bgr,
        Layout = ImageLayout.Nchw,
        Scale = 1,
    };

    /// <summary>
    /// torchvision's ImageNet evaluation transform: shorter side resized to 256, central 224 × 224 crop, RGB, NCHW,
    /// scaled to 0..1, mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225].
    /// </summary>
    public static ImagePreprocessing ImageNet { get; } = new()
    {
        Name = "imagenet",
        Width = 224,
        Height = 224,
        ResizeMode = ImageResizeMode.ShorterSideThenCenterCrop,
        ShorterSide = 256,
        ChannelOrder = ImageChannelOrder.Rgb,
        Layout = ImageLayout.Nchw,
        Scale = 1.0 / 255,
        Mean = [0.485, 0.456, 0.406],
        Std = [0.229, 0.224, 0.225],
    };

    /// <summary>MNIST-style digits: 28 × 28 stretched, one grayscale channel, scaled to 0..1, NCHW [N,1,28,28].</summary>
    public static ImagePreprocessing Mnist { get; } = new()
    {
        Name = "mnist",
        Width = 28,
        Height = 28,
        Grayscale = true,
        Layout = ImageLayout.Nchw,
        Scale = 1.0 / 255,
    };

    private static readonly Dictionary<string, ImagePreprocessing> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["squeezenet"] = SqueezeNet,
        ["imagenet"] = ImageNet,
        ["mnist"] = Mnist,
    };

    /// <summary>The preset names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Presets.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The preset called <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">A preset name.</param>
    /// <exception cref="InterpException">Unknown name; the message lists the known presets (a configuration error).</exception>
    public static ImagePreprocessing Get(string name) =>
        TryGet(name, out var preset)
            ? preset
            : throw new InterpException($"Unknown image preprocessing preset '{name}'; known presets: {string.Join(", ", Names)}.") { IsConfigurationError = true };

    /// <summary>Looks up a preset by name (case-insensitive).</summary>
    /// <param name="name">A preset name.</param>
    /// <param name="preset">The preset, when found.</param>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImagePreprocessing? preset)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Presets.TryGetValue(name.Trim(), out preset);
    }

    /// <summary>
    /// A preset name or a JSON spec file: a value that names an existing file, or ends in <c>.json</c>, is read with
    /// <see cref="ImagePreprocessing.Load"/>; anything else must be a preset name.
    /// </summary>
    /// <param name="presetOrSpecFile">A preset name or a path to a .json spec.</param>
    /// <exception cref="InterpException">Neither a preset nor a readable, valid spec file (a configuration error).</exception>
    public static ImagePreprocessing Resolve(string presetOrSpecFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(presetOrSpecFile);
        if (TryGet(presetOrSpecFile, out var preset)) return preset;
        if (File.Exists(presetOrSpecFile) || presetOrSpecFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ImagePreprocessing.Load(presetOrSpecFile);
        }

        throw new InterpException(
            $"Unknown image preprocessing '{presetOrSpecFile}': not a preset ({string.Join(", ", Names)}) nor an existing .json spec file.") { IsConfigurationError = true };
    }
}
