using Interp.Explainers;
using Interp.Explainers.Tensors;
using SkiaSharp;

namespace Interp.Imaging;

/// <summary>
/// Loads image files as model inputs with SkiaSharp: decodes (PNG and JPEG; BMP, GIF (first frame) and WebP too),
/// resizes and crops as <see cref="ImagePreprocessing"/> says, then writes the channels as floats in the model's
/// channel order, layout and normalization.
/// </summary>
/// <remarks>
/// <para>Decoding: 8 bits per channel, no color management (like PIL), EXIF orientation not applied (like PIL's
/// <c>Image.open</c>), alpha dropped (like PIL's <c>convert("RGB")</c>). A file that stops early (truncated) is an
/// error, never a partly gray image.</para>
/// <para>Resampling: an image that already has the target size is used as decoded, pixel for pixel. Shrinking uses
/// bilinear filtering between linearly blended mipmap levels (trilinear, <c>SKSamplingOptions(Linear, Linear)</c>),
/// which averages over each output pixel's footprint the way antialiased resizers do instead of skipping pixels;
/// enlarging uses the Mitchell–Netravali cubic (B = C = 1/3). Results are close to, but not bit-identical with,
/// PIL/torchvision's antialiased bilinear resize.</para>
/// </remarks>
public static class ImageLoader
{
    /// <summary>Loads one image as a batch of one: [1,C,H,W] (or [1,H,W,C]).</summary>
    /// <param name="path">A PNG or JPEG file.</param>
    /// <param name="preprocessing">How to turn it into the model's input (a preset or a spec).</param>
    /// <exception cref="InterpException">Missing, unreadable, not an image, or truncated; the message names the file.</exception>
    public static NdArray<float> Load(string path, ImagePreprocessing preprocessing) => LoadBatch([path], preprocessing);

    /// <summary>Loads several images into one batch [N,C,H,W] (or [N,H,W,C]), in the order given.</summary>
    /// <param name="paths">PNG or JPEG files (at least one).</param>
    /// <param name="preprocessing">How to turn each into the model's input; every image gets the same shape.</param>
    /// <exception cref="InterpException">A file is missing, unreadable, not an image, or truncated; the message names it.</exception>
    public static NdArray<float> LoadBatch(IReadOnlyList<string> paths, ImagePreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(preprocessing);
        if (paths.Count == 0) throw new ArgumentException("No image files given.", nameof(paths));
        preprocessing.Validate();
        int length = preprocessing.ExampleLength;
        var data = new float[checked(length * paths.Count)];
        for (int n = 0; n < paths.Count; n++)
        {
            ArgumentException.ThrowIfNullOrEmpty(paths[n], nameof(paths));
            using var decoded = Decode(paths[n]);
            Convert(decoded, paths[n], preprocessing, data.AsSpan(n * length, length));
        }

        return new NdArray<float>(data, preprocessing.Shape(paths.Count));
    }

    /// <summary>Decodes a file into 8-bit RGBA (unpremultiplied), checking that the whole image was decoded.</summary>
    private static SKBitmap Decode(string path)
    {
        const string Expected = "expected a PNG or JPEG image";
        if (!File.Exists(path))
        {
            throw new InterpException(Directory.Exists(path) ? $"Image file '{path}' is a directory; {Expected}." : $"Image file '{path}' does not exist.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InterpException($"Image file '{path}' cannot be read: {ex.Message}", ex);
        }

        if (bytes.Length == 0) throw new InterpException($"Image file '{path}' is empty; {Expected}.");
        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out var created);
        if (codec is null)
        {
            var why = created == SKCodecResult.Unimplemented ? "unrecognized format" : created.ToString();
            throw new InterpException($"Image file '{path}' is not an image SkiaSharp can decode ({why}); {Expected} (BMP, GIF and WebP also work).");
        }

        var size = codec.Info;
        if (size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height > 1L << 28)
        {
            throw new InterpException($"Image file '{path}' has an unsupported size {size.Width}x{size.Height}; {Expected} of at most 2^28 pixels.");
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        try
        {
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result != SKCodecResult.Success)
            {
                var why = result == SKCodecResult.IncompleteInput ? "the file ends early (truncated?)" : $"decoding failed ({result})";
                throw new InterpException($"Image file '{path}' is a truncated or corrupt {codec.EncodedFormat.ToString().ToUpperInvariant()} image: {why}; {Expected}.");
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>Resizes/crops <paramref name="image"/> and writes its channels into <paramref name="destination"/>.</summary>
    private static void Convert(SKBitmap image, string path, ImagePreprocessing p, Span<float> destination)
    {
        int w = p.Width, h = p.Height;
        int resizedW = w, resizedH = h, left = 0, top = 0;
        if (p.ResizeMode == ImageResizeMode.ShorterSideThenCenterCrop)
        {
            // torchvision Resize(int): the shorter side becomes S, the longer int(S * long / short); CenterCrop:
            // offsets int(round((size - crop) / 2.0)) with Python's half-to-even rounding.
            int s = p.ShorterSide!.Value;
            if (image.Width <= image.Height)
            {
                resizedW = s;
                resizedH = (int)((long)s * image.Height / image.Width);
            }
            else
            {
                resizedH = s;
                resizedW = (int)((long)s * image.Width / image.Height);
            }

            left = (int)Math.Round((resizedW - w) / 2.0, MidpointRounding.ToEven);
            top = (int)Math.Round((resizedH - h) / 2.0, MidpointRounding.ToEven);
        }

        SKBitmap? resized = null;
        try
        {
            var source = image;
            if (resizedW != image.Width || resizedH != image.Height)
            {
                bool shrinking = resizedW < image.Width || resizedH < image.Height;
                var sampling = shrinking
                    ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                    : new SKSamplingOptions(SKCubicResampler.Mitchell);
                resized = new SKBitmap(new SKImageInfo(resizedW, resizedH, SKColorType.Rgba8888, SKAlphaType.Unpremul));
                if (!image.ScalePixels(resized, sampling))
                {
                    throw new InterpException($"Image file '{path}': resizing {image.Width}x{image.Height} to {resizedW}x{resizedH} failed.");
                }

                source = resized;
            }

            WriteChannels(source, left, top, p, destination);
        }
        finally
        {
            resized?.Dispose();
        }
    }

    /// <summary>Writes the w×h window at (<paramref name="left"/>, <paramref name="top"/>) as normalized floats.</summary>
    private static void WriteChannels(SKBitmap bitmap, int left, int top, ImagePreprocessing p, Span<float> destination)
    {
        int w = p.Width, h = p.Height, channels = p.Channels;
        ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;

        // Source byte offset (in an RGBA pixel) of each output channel.
        int[] offsets = p.Grayscale ? [0] : p.ChannelOrder == ImageChannelOrder.Rgb ? [0, 1, 2] : [2, 1, 0];
        var mean = new double[channels];
        var std = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            mean[c] = ImagePreprocessing.ChannelValue(p.Mean, c, 0);
            std[c] = ImagePreprocessing.ChannelValue(p.Std, c, 1);
        }

        // One table per channel: the 256 possible raw values, normalized once.
        var table = new float[channels * 256];
        for (int c = 0; c < channels; c++)
        {
            for (int raw = 0; raw < 256; raw++) table[c * 256 + raw] = (float)((raw * p.Scale - mean[c]) / std[c]);
        }

        bool planar = p.Layout == ImageLayout.Nchw;
        int plane = w * h;
        for (int y = 0; y < h; y++)
        {
            var row = pixels.Slice((top + y) * rowBytes + left * 4, w * 4);
            for (int x = 0; x < w; x++)
            {
                var px = row.Slice(x * 4, 4);
                int at = planar ? y * w + x : (y * w + x) * channels;
                int stride = planar ? plane : 1;
                if (p.Grayscale)
                {
                    // PIL's convert("L"): ITU-R 601-2 luma in 16-bit fixed point, rounded.
                    int luma = (px[0] * 19595 + px[1] * 38470 + px[2] * 7471 + 0x8000) >> 16;
                    destination[at] = table[luma];
                }
                else
                {
                    for (int c = 0; c < channels; c++) destination[at + c * stride] = table[c * 256 + px[offsets[c]]];
                }
            }
        }
    }
}
