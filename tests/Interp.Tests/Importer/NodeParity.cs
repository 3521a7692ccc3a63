using Interp.Backends.Onnx;
using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Importer;

/// <summary>Every hook point's captured value against ONNX Runtime's value for that name (added as a graph output).</summary>
internal static class NodeParity
{
    /// <summary>
    /// Compares every node output; float values within <paramref name="tolerance"/> of the tensor's scale
    /// (max |value|, at least 1), integer and bool values exactly. Returns the worst scaled float difference.
    /// </summary>
    public static double Compare(string path, bool castToFloat32, INdArray[] inputs, double tolerance)
    {
        using var imported = OnnxImporter.Import(path);
        using var scope = NewDisposeScope();
        var xs = inputs.Select(i => TorchTensors.ToTensor(i, CPU)).ToArray();
        var (_, cache) = imported.RunWithCache(xs);
        using (cache)
        {
            Assert.Equal(imported.Graph.HookPoints.Count, cache.Names.Count);
            var types = cache.Names.ToDictionary(n => n, n => cache[n].dtype switch { ScalarType.Float32 => 1, ScalarType.Bool => 9, _ => 7 });
            var bytes = File.ReadAllBytes(path);
            if (castToFloat32) bytes = OnnxModelRewriter.CastFloat16ToFloat32(bytes);
            bytes = OnnxModelRewriter.ExposeValues(bytes, types);
            using var session = new InferenceSession(bytes);
            var feeds = session.InputMetadata.Keys.Select((name, k) => Feed(name, inputs[k])).ToList();
            using var results = session.Run(feeds, cache.Names.ToArray());
            double worstOverall = 0;
            foreach (var result in results)
            {
                var ours = cache[result.Name].contiguous();
                switch (result.Value)
                {
                    case DenseTensor<float> f:
                    {
                        var theirs = f.Buffer.ToArray();
                        var mine = ours.data<float>().ToArray();
                        Assert.Equal(theirs.Length, mine.Length);
                        double scale = Math.Max(1, theirs.Length == 0 ? 0 : theirs.Max(v => Math.Abs(v)));
                        double worst = theirs.Length == 0 ? 0 : theirs.Zip(mine).Max(p => Math.Abs(p.First - p.Second)) / scale;
                        Assert.True(worst <= tolerance, $"node value '{result.Name}': max diff {worst} of scale {scale}");
                        worstOverall = Math.Max(worstOverall, worst);
                        break;
                    }

                    case DenseTensor<long> l:
                        Assert.Equal(l.Buffer.ToArray(), ours.data<long>().ToArray());
                        break;
                    case DenseTensor<bool> b:
                        Assert.Equal(b.Buffer.ToArray(), ours.data<bool>().ToArray());
                        break;
                    default:
                        Assert.Fail($"node value '{result.Name}' has an unexpected type {result.Value?.GetType().Name}");
                        break;
                }
            }

            Assert.Equal(cache.Names.Count, results.Count);
            return worstOverall;
        }
    }

    private static NamedOnnxValue Feed(string name, INdArray input) => input switch
    {
        NdArray<float> f => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(f.Data, f.Shape.ToArray())),
        NdArray<long> l => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(l.Data, l.Shape.ToArray())),
        _ => throw new NotSupportedException(input.ElementType.Name),
    };
}
