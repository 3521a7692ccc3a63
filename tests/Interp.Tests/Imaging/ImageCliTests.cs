using System.Text.Json;
using Interp.Core.Inputs;
using Interp.Tests.Cli;
using Xunit;

namespace Interp.Tests.Imaging;

/// <summary><c>interp attribute --image ... --preprocess ...</c> end to end, run from <c>/</c> like the other CLI tests.</summary>
public sealed class ImageCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-image-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Model => ImagingTests.SqueezeNetData("squeezenet1.0_fp16.onnx");

    private static string Fish => ImagingTests.SqueezeNetData("fish.png");

    [Fact]
    public void OcclusionOnAnImageWritesImageShapedAttributionsWithImageLabels()
    {
        var outFile = Path.Combine(_temp, "x.json");
        var r = CliRunner.Run("/", "attribute", "--model", Model, "--method", "occlusion", "--image", Fish, "--preprocess", "squeezenet",
            "--target", "0", "--set", "SlidingWindowShapes=3,32,32", "--set", "Strides=3,32,32", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        var root = doc.RootElement;
        Assert.Equal("Occlusion", root.GetProperty("method").GetString());
        var attributions = NestedArray.ReadFloat(root.GetProperty("attributions"), "attributions");
        Assert.Equal([1, 3, 224, 224], attributions.ShapeArray);
        Assert.Contains(attributions.Data, v => v != 0);
        Assert.Equal([0], root.GetProperty("target").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0.7378, root.GetProperty("output_at_input")[0].GetDouble(), 0.001);
        var image = root.GetProperty("labels").GetProperty("image");
        Assert.Equal(3, image.GetProperty("channels").GetInt32());
        Assert.Equal(224, image.GetProperty("height").GetInt32());
        Assert.Equal(224, image.GetProperty("width").GetInt32());
        Assert.Equal("CHW BGR 0..255", image.GetProperty("layout").GetString());
    }

    [Fact]
    public void SeveralImagesAreSeveralExamples()
    {
        var r = CliRunner.Run("/", "attribute", "--model", Model, "--method", "occlusion", "--image", Fish, "--image", ImagingTests.SqueezeNetData("kitten_224.png"),
            "--preprocess", "squeezenet", "--target", "281", "--set", "SlidingWindowShapes=3,112,112", "--set", "Strides=3,112,112");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var attributions = NestedArray.ReadFloat(doc.RootElement.GetProperty("attributions"), "attributions");
        Assert.Equal([2, 3, 224, 224], attributions.ShapeArray);
        Assert.Equal(2, doc.RootElement.GetProperty("output_at_input").GetArrayLength());
    }

    [Theory]
    [InlineData("--image needs --preprocess", "--image", "FISH")]
    [InlineData("imagenet, mnist, squeezenet", "--image", "FISH")]
    [InlineData("cannot be combined", "--image", "FISH", "--preprocess", "squeezenet", "--inputs", "INPUTS")]
    [InlineData("give --inputs <inputs.json> or --image", "--target", "0")]
    [InlineData("Unknown image preprocessing 'resnet'", "--image", "FISH", "--preprocess", "resnet")]
    [InlineData("--preprocess applies to --image", "--inputs", "INPUTS", "--preprocess", "squeezenet")]
    [InlineData("makes images of shape [1,28,28]", "--image", "FISH", "--preprocess", "mnist", "--target", "0")]
    [InlineData("target is missing: model output 'softmaxout_1' has 1000 values per example", "--image", "FISH", "--preprocess", "squeezenet")]
    public void UsageErrorsExitTwoWithOneClearLine(string message, params string[] extra)
    {
        var inputs = Path.Combine(_temp, "inputs.json");
        File.WriteAllText(inputs, """{ "inputs": [[0]] }""");
        string[] args = ["attribute", "--model", Model, "--method", "occlusion", .. extra.Select(e => e switch { "FISH" => Fish, "INPUTS" => inputs, _ => e })];
        var r = CliRunner.Run("/", args);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public void AMissingOrBrokenImageIsARuntimeErrorNamingTheFile()
    {
        var missing = Path.Combine(_temp, "nope.png");
        var r = CliRunner.Run("/", "attribute", "--model", Model, "--method", "occlusion", "--image", missing, "--preprocess", "squeezenet", "--target", "0");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(missing, r.Stderr);
        Assert.Contains("does not exist", r.Stderr);

        var text = Path.Combine(_temp, "text.png");
        File.WriteAllText(text, "hello");
        r = CliRunner.Run("/", "attribute", "--model", Model, "--method", "occlusion", "--image", text, "--preprocess", "squeezenet", "--target", "0");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(text, r.Stderr);
        Assert.Contains("expected a PNG or JPEG image", r.Stderr);
    }
}
