using Interp.Backends.Onnx;
using Interp.Explainers.Attribution.IntegratedGradients;
using Interp.Explainers.Attribution.LayerGradCam;
using Interp.Explainers.Attribution.Metrics;
using Interp.Explainers.Attribution.Occlusion;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Imaging;
using Interp.Importers.Onnx;
using Interp.Tests.Importer;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.Gradient;

/// <summary>
/// Faithfulness on real models: deleting the most-attributed patches (IG, Grad-CAM, Occlusion) first lowers the
/// target probability faster than deleting them in a random order (mean deletion AUC over the examples below the
/// random order's, fixed seed; per-example numbers are written to the test output).
/// </summary>
public sealed class FaithfulnessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SqueezeNetOnFish()
    {
        var path = Path.Combine(TestPaths.Shared, "data", "squeezenet1.0-fp16", "squeezenet1.0_fp16.onnx");
        var fish = OnnxImporterParityTests.FishBgr();
        using var imported = OnnxImporter.Import(path);
        using var runtime = OnnxModel.Load(path);
        var request = new AttributionRequest { Model = imported, Inputs = [fish], Targets = [0], Seed = 5 };
        var maps = new Dictionary<string, NdArray<float>>
        {
            ["IntegratedGradients"] = (await new IntegratedGradients(new IntegratedGradientsOptions { Steps = 24, PerturbationsPerEval = 8 }).ExplainAsync(request)).Attributions,
            ["LayerGradCam"] = Upsampled((await new LayerGradCam(new LayerGradCamOptions { Layer = "fire9/concat_1", ReluAttributions = true }).ExplainAsync(request)).Attributions, 3, 224, 224),
            ["Occlusion"] = (await new Occlusion(new OcclusionOptions { SlidingWindowShapes = [3, 32, 32], Strides = [3, 16, 16] }).ExplainAsync(
                new AttributionRequest { Model = runtime, Inputs = [fish], Targets = [0] })).Attributions,
        };
        AssertFasterThanRandom(runtime, fish, maps, new DeletionInsertionOptions { Unit = FeatureUnit.Patch, PatchSize = 16, Steps = 98, Seed = 11 });
    }

    [Fact]
    public async Task MnistDigitsFromTheTrainingFile()
    {
        var path = Path.Combine(TestPaths.Shared, "data", "mnist-cnn", "mnist.onnx");
        var (digits, labels) = Importer.MnistDigits.Load(4);
        using var imported = OnnxImporter.Import(path);
        using var runtime = OnnxModel.Load(path);
        var request = new AttributionRequest { Model = imported, Inputs = [digits], Targets = labels, Seed = 5 };
        var maps = new Dictionary<string, NdArray<float>>
        {
            ["IntegratedGradients"] = (await new IntegratedGradients(new IntegratedGradientsOptions { Steps = 32 }).ExplainAsync(request)).Attributions,
            ["LayerGradCam"] = Upsampled((await new LayerGradCam(new LayerGradCamOptions { Layer = "ReLU114_Output_0", ReluAttributions = true }).ExplainAsync(request)).Attributions, 1, 28, 28),
            ["Occlusion"] = (await new Occlusion(new OcclusionOptions { SlidingWindowShapes = [1, 4, 4], Strides = [1, 2, 2] }).ExplainAsync(
                new AttributionRequest { Model = runtime, Inputs = [digits], Targets = labels })).Attributions,
        };
        AssertFasterThanRandom(runtime, digits, maps, new DeletionInsertionOptions { Unit = FeatureUnit.Patch, PatchSize = 4, Steps = 49, ApplySoftmax = true, Seed = 11 }, labels);
    }

    private void AssertFasterThanRandom(IPredictor model, NdArray<float> inputs, Dictionary<string, NdArray<float>> maps, DeletionInsertionOptions options, int[]? targets = null)
    {
        var request = new AttributionRequest { Model = model, Inputs = [inputs], Targets = targets ?? [0], Seed = 5 };
        foreach (var (name, map) in maps)
        {
            var result = new DeletionInsertion(options).Compute(request, map);
            for (int n = 0; n < result.Deletion.Count; n++)
            {
                output.WriteLine($"{name} example {n}: deletion AUC {result.Deletion[n].Auc:G4} vs random order {result.RandomDeletion[n].Auc:G4}");
            }

            // Averaged over the examples: one map may be poor on one digit, the method must beat chance overall.
            double auc = result.Deletion.Average(c => c.Auc), random = result.RandomDeletion.Average(c => c.Auc);
            Assert.True(auc < random, $"{name}: mean deletion AUC {auc} is not below the random order's {random}");
        }
    }

    /// <summary>A [N, 1, h, w] map upsampled (bilinear) to [N, C, H, W], the same value in every channel.</summary>
    private static NdArray<float> Upsampled(NdArray<float> map, int channels, int height, int width)
    {
        int n = map.Shape[0];
        var data = new float[n * channels * height * width];
        for (int e = 0; e < n; e++)
        {
            var heat = AttributionHeatmap.Heat(map.RowArray(e), height, width, ImageLayout.Nchw, HeatmapMode.Signed);
            for (int c = 0; c < channels; c++) heat.CopyTo(data, ((e * channels) + c) * height * width);
        }

        return new NdArray<float>(data, n, channels, height, width);
    }
}
