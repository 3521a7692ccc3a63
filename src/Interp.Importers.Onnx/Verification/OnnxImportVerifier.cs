using Interp.Backends.Onnx;
using Interp.Backends.TorchSharp.Models;
using Interp.Explainers;
using Interp.Explainers.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;
using TorchTensor = TorchSharp.torch.Tensor;

namespace Interp.Importers.Onnx.Verification;

/// <summary>
/// Runs ONNX Runtime and the imported TorchSharp model side by side on the same inputs and compares every graph
/// output (and, on request, every node value). float16 models are compared with ONNX Runtime running the
/// float32-cast model, since the importer computes in float32.
/// </summary>
public static class OnnxImportVerifier
{
    /// <summary>
    /// Inputs for every graph input: float uniform in [0, 1), integers 0 or 1; a dynamic batch of 2 (1 for models
    /// exported with a fixed batch of 1), other dynamic dimensions 8.
    /// </summary>
    /// <param name="model">The imported model.</param>
    /// <param name="seed">Seed of the draws.</param>
    public static INdArray[] RandomInputs(ImportedOnnxModel model, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rng = new Random(seed);
        return model.Inputs.Select((spec, k) =>
        {
            var shape = spec.Shape.Select((d, i) => d > 0 ? d : i == 0 ? (model.Graph.Batchified ? 1 : 2) : 8).ToArray();
            int count = NdArray<float>.Product(shape);
            return spec.ElementType == typeof(float)
                ? (INdArray)new NdArray<float>(Enumerable.Range(0, count).Select(_ => (float)rng.NextDouble()).ToArray(), shape)
                : new NdArray<long>(Enumerable.Range(0, count).Select(_ => (long)rng.Next(2)).ToArray(), shape);
        }).ToArray();
    }

    /// <summary>Compares the graph outputs, or every node value with <paramref name="everyNode"/>.</summary>
    /// <param name="path">The ONNX file.</param>
    /// <param name="inputs">One array per graph input.</param>
    /// <param name="tolerance">Allowed max |Δ| relative to each value's scale.</param>
    /// <param name="everyNode">Compare every node's output, not just the graph outputs.</param>
    public static IReadOnlyList<OutputComparison> Compare(string path, IReadOnlyList<INdArray> inputs, double tolerance, bool everyNode = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var imported = OnnxImporter.Import(path);
        if (imported.Graph.Batchified && inputs.Count > 0 && inputs[0].Shape.Count > 0 && inputs[0].Shape[0] != 1)
        {
            throw new InterpException($"Model file '{path}' declares a fixed batch of 1, so ONNX Runtime can only compare one example; got {inputs[0].Shape[0]}.");
        }

        using var scope = NewDisposeScope();
        var xs = inputs.Select(i => TorchTensors.ToTensor(i, CPU)).ToArray();
        var ours = new Dictionary<string, TorchTensor>(StringComparer.Ordinal);
        if (everyNode)
        {
            var (_, cache) = imported.RunWithCache(xs);
            using (cache)
            {
                foreach (var name in cache.Names) ours[name] = cache[name].clone();
            }
        }
        else
        {
            foreach (var (name, t) in imported.RunAllOutputs(xs)) ours[name] = t;
        }

        var bytes = File.ReadAllBytes(path);
        bytes = OnnxModelRewriter.CastFloat16ToFloat32(bytes);
        if (everyNode)
        {
            bytes = OnnxModelRewriter.ExposeValues(bytes, ours.ToDictionary(kv => kv.Key, kv => kv.Value.dtype switch { ScalarType.Float32 => 1, ScalarType.Bool => 9, _ => 7 }));
        }

        using var session = new InferenceSession(bytes);
        var feeds = session.InputMetadata.Keys.Select((name, k) => Feed(name, inputs[k])).ToList();
        using var results = session.Run(feeds, ours.Keys.ToArray());
        return results.Select(r => Compare(r, ours[r.Name], tolerance)).ToList();
    }

    private static OutputComparison Compare(DisposableNamedOnnxValue reference, TorchTensor mine, double tolerance)
    {
        double[] theirs = reference.Value switch
        {
            DenseTensor<float> f => f.Buffer.ToArray().Select(v => (double)v).ToArray(),
            DenseTensor<long> l => l.Buffer.ToArray().Select(v => (double)v).ToArray(),
            DenseTensor<bool> b => b.Buffer.ToArray().Select(v => v ? 1.0 : 0.0).ToArray(),
            _ => throw new InterpException($"Value '{reference.Name}' has an unsupported type {reference.Value?.GetType().Name}."),
        };
        var ours = mine.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        if (ours.Length != theirs.Length)
        {
            return new OutputComparison(reference.Name, mine.shape, double.PositiveInfinity, double.PositiveInfinity, 1, false);
        }

        double maxAbs = 0, maxRel = 0, scale = 1;
        for (int i = 0; i < ours.Length; i++)
        {
            double d = Math.Abs(ours[i] - theirs[i]);
            if (double.IsNaN(d)) d = double.IsNaN(ours[i]) && double.IsNaN(theirs[i]) ? 0 : double.PositiveInfinity;
            maxAbs = Math.Max(maxAbs, d);
            maxRel = Math.Max(maxRel, d / Math.Max(Math.Abs(theirs[i]), 1e-6));
            scale = Math.Max(scale, Math.Abs(theirs[i]));
        }

        return new OutputComparison(reference.Name, mine.shape, maxAbs, maxRel, scale, maxAbs <= tolerance * scale);
    }

    private static NamedOnnxValue Feed(string name, INdArray input) => input switch
    {
        NdArray<float> f => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(f.Data, f.Shape.ToArray())),
        NdArray<long> l => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(l.Data, l.Shape.ToArray())),
        NdArray<int> i => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(i.Data.Select(v => (long)v).ToArray(), i.Shape.ToArray())),
        _ => throw new InterpException($"Input '{name}': element type {input.ElementType.Name} is not supported."),
    };
}
