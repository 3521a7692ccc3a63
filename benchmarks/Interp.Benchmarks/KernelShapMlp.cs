using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Benchmarks;

/// <summary>An MLP features→64→1 (ReLU) with fixed random weights as a TorchSharp forward function, and random rows.</summary>
internal static class KernelShapMlp
{
    public static TorchModel Create(int features, int seed)
    {
        var rng = new Random(seed);
        Tensor Weights(params long[] shape)
        {
            int n = (int)shape.Aggregate(1L, (a, b) => a * b);
            var data = Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) / Math.Sqrt(shape[0]))).ToArray();
            return tensor(data, shape);
        }

        var w1 = Weights(features, 64);
        var b1 = Weights(64);
        var w2 = Weights(64, 1);
        var b2 = Weights(1);
        return new TorchModel(
            xs => nn.functional.relu(xs[0].matmul(w1).add(b1)).matmul(w2).add(b2),
            [new TensorSpec("x", typeof(float), [-1, features])],
            new TensorSpec("y", typeof(float), [-1, 1]),
            new ModelSource(null, null, "torchsharp"));
    }

    public static NdArray<float> Rows(int rows, int features, int seed)
    {
        var rng = new Random(seed);
        return new NdArray<float>(Enumerable.Range(0, rows * features).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(), rows, features);
    }
}
