using System.Globalization;
using System.Text.Json;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Tensors;
using Interp.Imaging;
using Interp.Reports;

namespace Interp.Cli.Demo;

/// <summary>
/// The model and input of the image part: SqueezeNet 1.0 (fp16) on fish.png (or another shared image) when the shared
/// data is there, else the MNIST CNN shipped with the CLI on one of its digits.
/// </summary>
internal sealed record ImageSubject(string Name, string ModelPath, string InputName, NdArray<float> Input, ReportImage Display, ImageInfo Geometry, string GradCamLayer, int[] Window, int[] Stride, IReadOnlyList<string> Classes)
{
    public static ImageSubject Find(DemoData data, bool quick)
    {
        var squeezenet = data.Find("squeezenet1.0-fp16", "squeezenet1.0_fp16.onnx");
        var image = data.FindAny(["squeezenet1.0-fp16", "fish.png"], ["images", "flower.jpg"], ["images", "hotdog.jpg"], ["images", "china.jpg"]);
        if (squeezenet is not null && image is not null) return SqueezeNet(squeezenet, image, quick);
        if (data.Find("mnist", "mnist.onnx") is { } mnist && data.Find("mnist", "Train-Tiny-28x28.txt") is { } digits) return Mnist(mnist, digits);
        throw new DemoSkipException(data.Missing("squeezenet1.0-fp16/squeezenet1.0_fp16.onnx with an image, or mnist/mnist.onnx,"));
    }

    private static ImageSubject SqueezeNet(string model, string image, bool quick)
    {
        var preset = ImagePresets.SqueezeNet;
        var input = ImageLoader.Load(image, preset);
        var display = ImageLoader.Load(image, preset with { ChannelOrder = ImageChannelOrder.Rgb });
        var labelsFile = Path.Combine(Path.GetDirectoryName(model)!, "imagenet_labels.json");
        IReadOnlyList<string> classes = File.Exists(labelsFile)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(labelsFile))!.OrderBy(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture)).Select(kv => kv.Value).ToArray()
            : Enumerable.Range(0, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        int window = quick ? 32 : 16, stride = quick ? 32 : 8;
        return new ImageSubject(
            $"SqueezeNet on {Path.GetFileName(image)}", model, Path.GetFileName(image), input,
            ReportImage.FromPlanar(display.Data, 3, 224, 224, 255), preset.ToImageInfo(), "fire9/concat_1",
            [3, window, window], [3, stride, stride], classes);
    }

    private static ImageSubject Mnist(string model, string digitsFile)
    {
        var digit = MnistDigits.Read(digitsFile).First(d => d.Label == 3);
        return new ImageSubject(
            "MNIST CNN on a digit (SqueezeNet not found)", model, "digit 3", new NdArray<float>(digit.Pixels, 1, 1, 28, 28),
            ReportImage.FromPlanar(digit.Pixels, 1, 28, 28, 1), new ImageInfo(1, 28, 28, "CHW gray 0..1"), "ReLU114_Output_0",
            [1, 4, 4], [1, 2, 2], Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
    }
}
