using Interp.Explainers.Tensors;
using Interp.Imaging;
using Interp.Tests.Cli;
using SkiaSharp;
using Xunit;

namespace Interp.Tests.Imaging;

public sealed class HeatmapTests
{
    [Fact]
    public void HeatSumsChannelsAndScalesSignedValuesToPlusMinusOne()
    {
        // Two channels of a 2x2 image: the channel sum is [3, -1, 0, 1]; scale = the largest |value| (3).
        var a = new NdArray<float>([1, -2, 0, 0.5f, 2, 1, 0, 0.5f], 2, 2, 2);
        var heat = AttributionHeatmap.Heat(a, 2, 2, ImageLayout.Nchw, HeatmapMode.Signed);
        Close([1f, -1f / 3, 0f, 1f / 3], heat);
        var abs = AttributionHeatmap.Heat(a, 2, 2, ImageLayout.Nchw, HeatmapMode.Absolute);
        Close([1f, 1f, 0f, 1f / 3], abs);
    }

    private static void Close(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void CoarseMapsAreUpsampledBilinearly()
    {
        var map = new NdArray<float>([0, 1, 1, 0], 1, 2, 2);
        var heat = AttributionHeatmap.Heat(map, 4, 4, ImageLayout.Nchw, HeatmapMode.Signed);
        Assert.Equal(16, heat.Length);
        Assert.Equal(heat[3], heat[12]); // symmetric map, symmetric heat
        Assert.True(heat[0] < heat[1] && heat[1] < heat[3]); // increases towards the hot corner
    }

    [Fact]
    public void TheCliWritesSignedAndAbsoluteHeatmapsForImages()
    {
        var dir = Directory.CreateTempSubdirectory("interp-heatmap-").FullName;
        try
        {
            var data = Path.Combine(TestPaths.Shared, "data", "squeezenet1.0-fp16");
            var outFile = Path.Combine(dir, "fish-cam.json");
            var r = CliRunner.Run("/", "attribute", "--model", Path.Combine(data, "squeezenet1.0_fp16.onnx"), "--method", "layer-grad-cam",
                "--layer", "fire9/concat_1", "--image", Path.Combine(data, "fish.png"), "--preprocess", "squeezenet", "--target", "0", "--out", outFile);
            Assert.True(r.ExitCode == 0, r.Stderr);
            foreach (var suffix in new[] { "signed", "abs" })
            {
                using var bitmap = SKBitmap.Decode(Path.Combine(dir, $"fish-cam.0.{suffix}.png"));
                Assert.Equal(224, bitmap.Width);
                Assert.Equal(224, bitmap.Height);
                // Coloured, not the plain grey background: some pixel has distinct channels.
                Assert.Contains(Enumerable.Range(0, 224 * 224).Select(i => bitmap.GetPixel(i % 224, i / 224)), p => Math.Abs(p.Red - p.Blue) > 40);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
