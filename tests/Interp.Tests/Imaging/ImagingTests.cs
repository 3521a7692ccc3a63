using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Interp.Backends.Onnx;
using Interp.Explainers;
using Interp.Explainers.Tensors;
using Interp.Imaging;
using SkiaSharp;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.Imaging;

/// <summary>Image files as model inputs: decoding, preprocessing, presets, spec files, errors, and SqueezeNet end to end.</summary>
public sealed class ImagingTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-imaging-").FullName;

    public ImagingTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    internal static string SqueezeNetData(string file) => Path.Combine(TestPaths.Shared, "data", "squeezenet1.0-fp16", file);

    // ---- SqueezeNet end to end -------------------------------------------------------------------------------

    [Fact]
    public void SqueezeNetOnFishIsTenchAndMatchesMicrosoftsExpectedOutputs()
    {
        using var model = OnnxModel.Load(SqueezeNetData("squeezenet1.0_fp16.onnx"));
        var input = ImageLoader.Load(SqueezeNetData("fish.png"), ImagePresets.Get("squeezenet"));
        Assert.Equal([1, 3, 224, 224], input.ShapeArray);
        var probabilities = model.Predict([input]);
        Assert.Equal(1000, probabilities.RowLength);

        var expected = File.ReadLines(SqueezeNetData("Squeezenet_fp16_fish_input_CPU.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => double.Parse(p[1], CultureInfo.InvariantCulture));
        Assert.Equal(1000, expected.Count);
        double worst = 0;
        int worstAt = 0;
        for (int k = 0; k < 1000; k++)
        {
            double diff = Math.Abs(expected[k] - probabilities.Data[k]);
            if (diff > worst) (worst, worstAt) = (diff, k);
        }

        _output.WriteLine($"tench p = {probabilities.Data[0]:R}; max |p - Microsoft's CSV| = {worst:E3} at class {worstAt}");
        Assert.True(worst < 1.5e-4, $"class {worstAt}: expected {expected[worstAt]}, got {probabilities.Data[worstAt]}");
        Assert.Equal(0, ArgMax(probabilities.Row(0))); // tench
        Assert.Equal(0.7378, probabilities.Data[0], 0.001);
    }

    [Fact]
    public void SqueezeNetOnKittenIsTabbyAndABatchOfTwoAgreesWithSingleImages()
    {
        using var model = OnnxModel.Load(SqueezeNetData("squeezenet1.0_fp16.onnx"));
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(SqueezeNetData("imagenet_labels.json")))!;
        var batch = ImageLoader.LoadBatch([SqueezeNetData("fish.png"), SqueezeNetData("kitten_224.png")], ImagePresets.SqueezeNet);
        Assert.Equal([2, 3, 224, 224], batch.ShapeArray);
        var kitten = ImageLoader.Load(SqueezeNetData("kitten_224.png"), ImagePresets.SqueezeNet);
        Assert.Equal(kitten.Data, batch.Row(1).ToArray());

        var probabilities = model.Predict([batch]);
        int top = ArgMax(probabilities.Row(1));
        _output.WriteLine($"kitten: class {top} '{labels[top.ToString(CultureInfo.InvariantCulture)]}' p = {probabilities.Row(1)[top]:R}");
        Assert.Equal(281, top);
        Assert.StartsWith("tabby", labels["281"], StringComparison.Ordinal);
        Assert.True(probabilities.Row(1)[top] > 0.9f);
        Assert.Equal(0, ArgMax(probabilities.Row(0)));
    }

    [Theory]
    // SHA-256 of the planar B,G,R bytes, taken from SixLabors.ImageSharp 2.1.13's decoding of the same files (it
    // agreed with SkiaSharp's on every pixel), so the decoding is pinned without ImageSharp.
    [InlineData("fish.png", "f02a2e0effd9590e00be73a37c3bf3a853d263992a728654d8af0a6c364e09e1")]
    [InlineData("kitten_224.png", "bc437b388f038dca8909c3ecee3a0dfb90f09f02cd11079ac87af8221d3d0c17")]
    public void PngDecodingIsPixelExact(string file, string sha256)
    {
        var bgr = ImageLoader.Load(SqueezeNetData(file), ImagePresets.SqueezeNet);
        Assert.All(bgr.Data, v => Assert.True(v == Math.Floor(v) && v is >= 0 and <= 255));
        var bytes = bgr.Data.Select(v => (byte)v).ToArray();
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void JpegDecodesCloseToThePng()
    {
        var png = SqueezeNetData("fish.png");
        var jpeg = Path.Combine(_temp, "fish.jpg");
        using (var bitmap = SKBitmap.Decode(png))
        using (var image = SKImage.FromBitmap(bitmap))
        using (var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 95))
        {
            File.WriteAllBytes(jpeg, encoded.ToArray());
        }

        // Raw 0..255 values. The fish is noisy: JPEG at quality 95 (with chroma subsampling) loses ~4-9 levels on
        // average per channel (ImageSharp decodes the same file as far from the PNG), but adds no color shift.
        var a = ImageLoader.Load(png, ImagePresets.SqueezeNet);
        var b = ImageLoader.Load(jpeg, ImagePresets.SqueezeNet);
        Assert.Equal(a.ShapeArray, b.ShapeArray);
        int plane = 224 * 224;
        var meanAbs = Enumerable.Range(0, 3).Select(c => Enumerable.Range(c * plane, plane).Average(i => Math.Abs(a.Data[i] - b.Data[i]))).ToArray();
        var meanSigned = Enumerable.Range(0, 3).Select(c => Enumerable.Range(c * plane, plane).Average(i => b.Data[i] - a.Data[i])).ToArray();
        _output.WriteLine($"JPEG q95 vs PNG (B,G,R): mean |diff| {string.Join(", ", meanAbs.Select(d => d.ToString("F2", CultureInfo.InvariantCulture)))}, mean diff {string.Join(", ", meanSigned.Select(d => d.ToString("F2", CultureInfo.InvariantCulture)))} levels of 255");
        Assert.All(meanAbs, d => Assert.True(d < 12, $"mean |diff| {d}"));
        Assert.All(meanSigned, d => Assert.True(Math.Abs(d) < 2, $"mean diff {d}"));
    }

    // ---- Preprocessing, numerically on hand-made images ------------------------------------------------------

    [Fact]
    public void ChannelOrderLayoutScaleAndMeanStdAreExact()
    {
        // 3×2 image, pixel (x, y) = (R, G, B) = (10x + y, 100 + 10x + y, 200 + 10x + y).
        var path = WritePng(3, 2, (x, y) => new SKColor((byte)(10 * x + y), (byte)(100 + 10 * x + y), (byte)(200 + 10 * x + y)));
        static float R(int x, int y) => 10 * x + y;
        static float G(int x, int y) => 100 + 10 * x + y;
        static float B(int x, int y) => 200 + 10 * x + y;

        var rgb = ImageLoader.Load(path, new ImagePreprocessing { Width = 3, Height = 2 });
        Assert.Equal([1, 3, 2, 3], rgb.ShapeArray);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                Assert.Equal(R(x, y), rgb.Data[0 * 6 + y * 3 + x]);
                Assert.Equal(G(x, y), rgb.Data[1 * 6 + y * 3 + x]);
                Assert.Equal(B(x, y), rgb.Data[2 * 6 + y * 3 + x]);
            }
        }

        var bgrNhwc = ImageLoader.Load(path, new ImagePreprocessing { Width = 3, Height = 2, ChannelOrder = ImageChannelOrder.Bgr, Layout = ImageLayout.Nhwc });
        Assert.Equal([1, 2, 3, 3], bgrNhwc.ShapeArray);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                int at = (y * 3 + x) * 3;
                Assert.Equal([B(x, y), G(x, y), R(x, y)], bgrNhwc.Data[at..(at + 3)]);
            }
        }

        var normalized = ImageLoader.Load(path, ImagePresets.ImageNet with { Width = 3, Height = 2, ResizeMode = ImageResizeMode.Stretch });
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
        Func<int, int, float>[] channel = [R, G, B];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 2; y++)
            {
                for (int x = 0; x < 3; x++)
                {
                    double want = (channel[c](x, y) / 255.0 - mean[c]) / std[c];
                    Assert.Equal(want, normalized.Data[c * 6 + y * 3 + x], 1e-6);
                }
            }
        }
    }

    [Fact]
    public void GrayscaleIsPilsLumaScaledToOneChannel()
    {
        SKColor[] colors = [new(255, 0, 0), new(0, 255, 0), new(0, 0, 255), new(12, 200, 90), new(255, 255, 255), new(0, 0, 0)];
        var path = WritePng(6, 1, (x, _) => colors[x]);
        var gray = ImageLoader.Load(path, ImagePresets.Mnist with { Width = 6, Height = 1 });
        Assert.Equal([1, 1, 1, 6], gray.ShapeArray);
        for (int x = 0; x < 6; x++)
        {
            var c = colors[x];
            int luma = (c.Red * 19595 + c.Green * 38470 + c.Blue * 7471 + 0x8000) >> 16; // PIL convert("L")
            Assert.Equal(luma / 255.0, gray.Data[x], 1e-6);
        }

        Assert.Equal([76, 150, 29, 131, 255, 0], gray.Data.Select(v => (int)Math.Round(v * 255)).ToArray());
    }

    [Fact]
    public void ShorterSideThenCenterCropCutsTheMiddleWithHalfToEvenOffsets()
    {
        // 7×4, shorter side already 4: no resampling; the crop 2×2 starts at x = round(2.5) = 2 (half to even), y = 1.
        var path = WritePng(7, 4, (x, y) => new SKColor((byte)(x * 30), (byte)(y * 60), 7));
        var spec = new ImagePreprocessing { Width = 2, Height = 2, ResizeMode = ImageResizeMode.ShorterSideThenCenterCrop, ShorterSide = 4 };
        var crop = ImageLoader.Load(path, spec);
        Assert.Equal([1, 3, 2, 2], crop.ShapeArray);
        Assert.Equal([60, 90, 60, 90], crop.Data[0..4]); // R = 30x for x = 2, 3
        Assert.Equal([60, 60, 120, 120], crop.Data[4..8]); // G = 60y for y = 1, 2

        // 8 wide × 16 high, top half red, bottom half blue: shorter side 4 → 4×8, then the central 4×4 (rows 2..5).
        var tall = WritePng(8, 16, (_, y) => y < 8 ? new SKColor(255, 0, 0) : new SKColor(0, 0, 255));
        var square = ImageLoader.Load(tall, spec with { Width = 4, Height = 4 });
        float Red(int x, int y) => square.Data[0 * 16 + y * 4 + x];
        float Blue(int x, int y) => square.Data[2 * 16 + y * 4 + x];
        for (int x = 0; x < 4; x++)
        {
            Assert.True(Red(x, 0) > 200 && Blue(x, 0) < 55, $"row 0: {Red(x, 0)}/{Blue(x, 0)}");
            Assert.True(Red(x, 3) < 55 && Blue(x, 3) > 200, $"row 3: {Red(x, 3)}/{Blue(x, 3)}");
            Assert.Equal(255, Red(x, 1) + Blue(x, 1), 3.0); // a blend at most across the edge
        }
    }

    [Fact]
    public void ShrinkingAveragesInsteadOfSkippingPixels()
    {
        // A one-pixel checkerboard shrunk 8×: a filter that skips pixels would give 0 or 255; averaging gives ~127.5.
        var path = WritePng(64, 64, (x, y) => (x + y) % 2 == 0 ? SKColors.White : SKColors.Black);
        var small = ImageLoader.Load(path, new ImagePreprocessing { Width = 8, Height = 8, Grayscale = true });
        _output.WriteLine($"checkerboard 64→8: min {small.Data.Min()}, max {small.Data.Max()}");
        Assert.All(small.Data, v => Assert.InRange(v, 112, 143));

        // A constant image stays constant through shrinking and enlarging.
        var flat = WritePng(10, 6, (_, _) => new SKColor(40, 120, 220));
        foreach (var (w, h) in new[] { (3, 2), (25, 17) })
        {
            var r = ImageLoader.Load(flat, new ImagePreprocessing { Width = w, Height = h });
            for (int c = 0; c < 3; c++)
            {
                var want = new[] { 40f, 120f, 220f }[c];
                Assert.All(r.Data.AsSpan(c * w * h, w * h).ToArray(), v => Assert.Equal(want, v));
            }
        }

        // Enlarging a ramp keeps it monotonic (Mitchell cubic).
        var ramp = WritePng(4, 1, (x, _) => new SKColor((byte)(x * 80), 0, 0));
        var big = ImageLoader.Load(ramp, new ImagePreprocessing { Width = 16, Height = 1 });
        for (int x = 1; x < 16; x++) Assert.True(big.Data[x] >= big.Data[x - 1], $"x={x}: {big.Data[x - 1]} → {big.Data[x]}");
        Assert.InRange(big.Data[0], 0, 10);
        Assert.InRange(big.Data[15], 230, 245);
    }

    // ---- Presets, validation, spec files ---------------------------------------------------------------------

    [Fact]
    public void PresetsAreNamedAndDescribeTheirImages()
    {
        Assert.Equal(["imagenet", "mnist", "squeezenet"], ImagePresets.Names);
        Assert.Same(ImagePresets.SqueezeNet, ImagePresets.Get("SqueezeNet"));
        Assert.Equal(new ImageInfo(3, 224, 224, "CHW BGR 0..255"), ImagePresets.SqueezeNet.ToImageInfo());
        Assert.Equal(new ImageInfo(1, 28, 28, "CHW gray 0..1"), ImagePresets.Mnist.ToImageInfo());
        Assert.Equal("CHW RGB 0..1 normalized mean [0.485,0.456,0.406] std [0.229,0.224,0.225]", ImagePresets.ImageNet.ToImageInfo().Layout);
        Assert.Equal([1, 224, 224, 3], (ImagePresets.ImageNet with { Layout = ImageLayout.Nhwc }).Shape(1));
        foreach (var name in ImagePresets.Names) ImagePresets.Get(name).Validate();

        var ex = Assert.Throws<InterpException>(() => ImagePresets.Get("resnet"));
        Assert.True(ex.IsConfigurationError);
        Assert.Contains("'resnet'", ex.Message);
        Assert.Contains("imagenet, mnist, squeezenet", ex.Message);
        var resolve = Assert.Throws<InterpException>(() => ImagePresets.Resolve("resnet"));
        Assert.Contains("imagenet, mnist, squeezenet", resolve.Message);
    }

    [Theory]
    [InlineData("width must be in 1..16384, got 0", 0, 224, null, null, null)]
    [InlineData("shorter_side is required", 224, 224, "crop", null, null)]
    [InlineData("mean needs 3 value(s)", 224, 224, null, "0.5,0.5", null)]
    [InlineData("std values must be finite and positive, got 0", 224, 224, null, null, "1,0,1")]
    public void InvalidSettingsAreNamed(string message, int width, int height, string? crop, string? mean, string? std)
    {
        static double[]? List(string? s) => s?.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var spec = new ImagePreprocessing
        {
            Name = "mine",
            Width = width,
            Height = height,
            ResizeMode = crop is null ? ImageResizeMode.Stretch : ImageResizeMode.ShorterSideThenCenterCrop,
            Mean = List(mean),
            Std = List(std),
        };
        var ex = Assert.Throws<InterpException>(spec.Validate);
        Assert.True(ex.IsConfigurationError);
        Assert.Contains("'mine'", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void SpecFilesAreReadWithEveryField()
    {
        var path = WriteText("spec.json", """
            {
              // a BGR model in NHWC
              "width": 32, "height": 24,
              "resize": "shorter_side_then_center_crop", "shorter_side": 40,
              "channel_order": "bgr", "layout": "nhwc",
              "scale": "1/255", "mean": [0.5, 0.4, 0.3], "std": 0.25,
              "grayscale": false,
            }
            """);
        var spec = ImagePreprocessing.Load(path);
        Assert.Equal(path, spec.Name);
        Assert.Equal((32, 24, 40), (spec.Width, spec.Height, spec.ShorterSide));
        Assert.Equal(ImageResizeMode.ShorterSideThenCenterCrop, spec.ResizeMode);
        Assert.Equal(ImageChannelOrder.Bgr, spec.ChannelOrder);
        Assert.Equal(ImageLayout.Nhwc, spec.Layout);
        Assert.Equal(1.0 / 255, spec.Scale, 1e-15);
        Assert.Equal([0.5, 0.4, 0.3], spec.Mean);
        Assert.Equal([0.25], spec.Std);
        Assert.Equal([1, 24, 32, 3], spec.Shape(1));

        var onPreset = ImagePresets.Resolve(WriteText("gray.json", """{ "preset": "mnist", "width": 32, "height": 32 }"""));
        Assert.True(onPreset.Grayscale);
        Assert.Equal((32, 32), (onPreset.Width, onPreset.Height));
        Assert.Equal(1.0 / 255, onPreset.Scale);
    }

    [Theory]
    [InlineData("""{ "width": 8, "height": 8, "colour": "rgb" }""", "unknown field 'colour'")]
    [InlineData("""{ "width": 8, "height": 8, "channel_order": "rbg" }""", "channel_order must be \"rgb\" or \"bgr\"")]
    [InlineData("""{ "width": 8.5, "height": 8 }""", "width must be an integer")]
    [InlineData("""{ "height": 8 }""", "width must be in 1..16384, got 0")]
    [InlineData("""{ "preset": "vgg" }""", "unknown preset 'vgg'; known presets: imagenet, mnist, squeezenet")]
    [InlineData("""{ "width": 8, "height": 8, "scale": "1/0" }""", "scale must be a number or a fraction")]
    [InlineData("""[8, 8]""", "expected a JSON object")]
    [InlineData("""{ "width": 8, """, "is not valid JSON")]
    public void BadSpecFilesNameTheFileAndTheField(string json, string message)
    {
        var path = WriteText("bad.json", json);
        var ex = Assert.Throws<InterpException>(() => ImagePreprocessing.Load(path));
        Assert.True(ex.IsConfigurationError);
        Assert.Contains(path, ex.Message);
        Assert.Contains(message, ex.Message);
    }

    // ---- Bad image files -------------------------------------------------------------------------------------

    [Fact]
    public void BadImageFilesNameTheFileAndWhatWasExpected()
    {
        var bytes = File.ReadAllBytes(SqueezeNetData("fish.png"));
        var truncated = Path.Combine(_temp, "truncated.png");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var truncatedJpeg = Path.Combine(_temp, "truncated.jpg");
        using (var bitmap = SKBitmap.Decode(bytes))
        using (var image = SKImage.FromBitmap(bitmap))
        using (var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 90))
        {
            var jpeg = encoded.ToArray();
            File.WriteAllBytes(truncatedJpeg, jpeg[..(jpeg.Length / 2)]);
        }

        var text = WriteText("notes.png", "this is not an image\n");
        var empty = WriteText("empty.png", "");
        var missing = Path.Combine(_temp, "missing.png");

        var ex = Assert.Throws<InterpException>(() => ImageLoader.Load(truncated, ImagePresets.SqueezeNet));
        Assert.Contains(truncated, ex.Message);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("expected a PNG or JPEG image", ex.Message);

        ex = Assert.Throws<InterpException>(() => ImageLoader.Load(truncatedJpeg, ImagePresets.SqueezeNet));
        Assert.Contains(truncatedJpeg, ex.Message);
        Assert.Contains("truncated", ex.Message);

        ex = Assert.Throws<InterpException>(() => ImageLoader.Load(text, ImagePresets.SqueezeNet));
        Assert.Contains(text, ex.Message);
        Assert.Contains("expected a PNG or JPEG image", ex.Message);

        ex = Assert.Throws<InterpException>(() => ImageLoader.Load(empty, ImagePresets.SqueezeNet));
        Assert.Contains(empty, ex.Message);
        Assert.Contains("is empty", ex.Message);

        ex = Assert.Throws<InterpException>(() => ImageLoader.LoadBatch([SqueezeNetData("fish.png"), missing], ImagePresets.SqueezeNet));
        Assert.Contains(missing, ex.Message);
        Assert.Contains("does not exist", ex.Message);
        Assert.False(ex.IsConfigurationError); // bad input data: exit code 1 in the CLI
    }

    private string WritePng(int width, int height, Func<int, int, SKColor> pixel)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++) bitmap.SetPixel(x, y, pixel(x, y));
        }

        var path = Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".png");
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    private string WriteText(string name, string content)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
