using Interp.Backends.Onnx;
using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Importer;

/// <summary>The imported TorchSharp model against ONNX Runtime and Captum, model by model and node by node.</summary>
public sealed class OnnxImporterParityTests
{
    public OnnxImporterParityTests() => torch.set_num_threads(1);

    private static string Data(params string[] parts) => Path.Combine([TestPaths.Shared, "data", .. parts]);

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public void ReferenceModelsMatchOnnxRuntimeAndCaptumGradients(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        using var imported = OnnxImporter.Import(TestPaths.Reference(caseName, "model.onnx"));
        Assert.IsAssignableFrom<IDifferentiable>(imported);
        Assert.IsAssignableFrom<IHookable>(imported);
        var ort = c.Model.Predict(c.Request.Inputs);
        Assertions.Close(ort, imported.Predict(c.Request.Inputs), 1e-5, 0, $"{caseName} forward vs ONNX Runtime");

        var gradients = imported.Gradients(c.Request.Inputs, c.Request.Targets!);
        Assertions.Close(ReferenceCase.Floats(c.Method("saliency_signed").GetProperty("attributions")), gradients.InputGradients[0], 1e-5, 1e-4, $"{caseName} input gradient vs Captum saliency_signed");
    }

    [Fact]
    public void MnistWithItsConstantReshapeRunsAtBatch16AndMatchesOnnxRuntime()
    {
        using var imported = OnnxImporter.Import(Data("mnist-cnn", "mnist.onnx"));
        Assert.True(imported.Graph.Batchified);
        using var ort = OnnxModel.Load(Data("mnist-cnn", "mnist.onnx"));
        var (pixels, labels) = MnistDigits.Load(16);
        var ours = imported.Predict([pixels]);
        Assert.Equal([16, 10], ours.ShapeArray);
        Assertions.Close(ort.Predict([pixels]), ours, 1e-4, 0, "mnist batch 16 vs ONNX Runtime");
        int correct = Enumerable.Range(0, 16).Count(n => ArgMax(ours.Row(n)) == labels[n]);
        Assert.True(correct >= 15, $"{correct}/16 digits right");
    }

    [Fact]
    public void MnistEveryNodeValueEqualsOnnxRuntimes()
    {
        var (pixels, _) = MnistDigits.Load(1);
        NodeParity.Compare(Data("mnist-cnn", "mnist.onnx"), castToFloat32: false, [pixels], 1e-4);
    }

    [Fact]
    public void SqueezeNetOnFishMatchesFloat32OnnxRuntimeNodeByNode()
    {
        var fish = FishBgr();
        var path = Data("squeezenet1.0-fp16", "squeezenet1.0_fp16.onnx");
        using var imported = OnnxImporter.Import(path);
        var ours = imported.Predict([fish]);
        using var fp32 = OnnxModel.FromBytes(OnnxModelRewriter.CastFloat16ToFloat32(File.ReadAllBytes(path)), path);
        Assertions.Close(fp32.Predict([fish]), ours, 1e-4, 0, "SqueezeNet vs ONNX Runtime on the float32-cast model");
        Assert.Equal(0, ArgMax(ours.Row(0))); // tench
        Assert.InRange(ours.Data[0], 0.73, 0.745);

        // Against ONNX Runtime computing in float16 the difference is the float16 rounding of every activation.
        using var fp16 = OnnxModel.Load(path);
        var diff = fp16.Predict([fish]).Data.Zip(ours.Data).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(diff < 2e-3, $"vs the float16 run: {diff}");

        NodeParity.Compare(path, castToFloat32: true, [fish], 1e-4);
    }

    internal static NdArray<float> FishBgr() =>
        Interp.Imaging.ImageLoader.Load(Data("squeezenet1.0-fp16", "fish.png"), Interp.Imaging.ImagePresets.SqueezeNet);

    private static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
