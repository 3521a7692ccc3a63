using System.Globalization;
using Interp.Backends.Onnx;
using Interp.Explainers;
using Interp.Explainers.Tensors;
using Interp.Imaging;
using Xunit;

namespace Interp.Tests.Backends;

public sealed class OnnxModelTests
{
    private static string Data(params string[] parts) => Path.Combine([TestPaths.Shared, "data", .. parts]);

    [Fact]
    public void MnistWithAFixedBatchOfOneIsRewrittenToBatchAndAgreesRowByRow()
    {
        using var model = OnnxModel.Load(Data("mnist-cnn", "mnist.onnx"));
        Assert.True(model.IsBatchable, model.BatchNote);
        Assert.Contains("rewritten", model.BatchNote);
        var rng = new Random(5);
        var batch = new NdArray<float>(Enumerable.Range(0, 5 * 784).Select(_ => (float)rng.NextDouble()).ToArray(), 5, 1, 28, 28);
        var together = model.Predict([batch]);
        Assert.Equal([5, 10], together.ShapeArray);
        for (int n = 0; n < 5; n++)
        {
            var single = model.Predict([new NdArray<float>(batch.Row(n).ToArray(), 1, 1, 28, 28)]);
            for (int k = 0; k < 10; k++) Assert.Equal(single.Data[k], together.Row(n)[k], 4);
        }
    }

    [Fact]
    public void MnistClassifiesTheShippedDigits()
    {
        using var model = OnnxModel.Load(Data("mnist-cnn", "mnist.onnx"));
        var lines = File.ReadAllLines(Data("mnist-cnn", "MNIST.Test.tiny.txt")).Where(l => l.Length > 0).ToList();
        var pixels = new float[lines.Count * 784];
        var labels = new int[lines.Count];
        for (int n = 0; n < lines.Count; n++)
        {
            var parts = lines[n].Split('\t');
            labels[n] = int.Parse(parts[0], CultureInfo.InvariantCulture);
            foreach (var pair in parts.Skip(2))
            {
                var kv = pair.Split(':');
                pixels[n * 784 + int.Parse(kv[0], CultureInfo.InvariantCulture)] = float.Parse(kv[1], CultureInfo.InvariantCulture) / 255f;
            }
        }

        var logits = model.Predict([new NdArray<float>(pixels, lines.Count, 1, 28, 28)]);
        int correct = Enumerable.Range(0, lines.Count).Count(n => ArgMax(logits.Row(n)) == labels[n]);
        Assert.Equal(lines.Count, correct); // SOURCE.txt: 115/115 with ONNX Runtime
    }

    [Fact]
    public void SqueezeNetFloat16ReproducesMicrosoftsFishOutputs()
    {
        using var model = OnnxModel.Load(Data("squeezenet1.0-fp16", "squeezenet1.0_fp16.onnx"));
        Assert.Equal(typeof(float), model.Inputs[0].ElementType); // float16 is converted at the boundary
        var input = ImageLoader.Load(Data("squeezenet1.0-fp16", "fish.png"), ImagePresets.SqueezeNet); // planar BGR 0..255
        var probabilities = model.Predict([input]);
        Assert.Equal(1000, probabilities.RowLength);
        var expected = File.ReadLines(Data("squeezenet1.0-fp16", "Squeezenet_fp16_fish_input_CPU.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => float.Parse(p[1], CultureInfo.InvariantCulture));
        for (int k = 0; k < 1000; k++) Assert.True(Math.Abs(expected[k] - probabilities.Data[k]) < 1.5e-4, $"class {k}: {expected[k]} vs {probabilities.Data[k]}");
        Assert.Equal(0, ArgMax(probabilities.Row(0))); // tench

        // Two rows in one call (looped or rewritten) equal two single calls.
        var two = NdArray<float>.Stack([input.RowArray(0), input.RowArray(0)]);
        var both = model.Predict([two]);
        Assert.Equal(probabilities.Data, both.Row(1).ToArray());
    }

    [Fact]
    public void ReferenceModelsHaveADynamicBatch()
    {
        using var model = OnnxModel.Load(TestPaths.Reference("mlp_tabular", "model.onnx"));
        Assert.True(model.IsBatchable);
        Assert.Equal(-1, model.Inputs[0].Shape[0]);
        Assert.Equal(64, model.Source.Sha256!.Length);
    }

    [Fact]
    public void WrongInputCountIsAClearError()
    {
        using var model = OnnxModel.Load(TestPaths.Reference("mlp_tabular", "model.onnx"));
        var ex = Assert.Throws<InterpException>(() => model.Predict([]));
        Assert.Contains("takes 1 input", ex.Message);
    }

    private static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
