using System.Text.Json;
using static TorchSharp.torch;

namespace Interp.Tests.Transformers;

/// <summary>Nested JSON number arrays as float32 tensors.</summary>
internal static class JsonArrays
{
    public static Tensor ToTensor(JsonElement e)
    {
        var shape = new List<long>();
        var probe = e;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            shape.Add(probe.GetArrayLength());
            probe = probe[0];
        }

        var values = new List<float>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array)
            {
                foreach (var c in x.EnumerateArray()) Walk(c);
            }
            else
            {
                values.Add((float)x.GetDouble());
            }
        }

        Walk(e);
        return tensor(values.ToArray(), shape.ToArray());
    }

    /// <summary>Same shape and bitwise-equal values.</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public static double MaxAbsDiff(Tensor expected, Tensor actual)
    {
        Xunit.Assert.Equal(expected.shape, actual.shape);
        return (expected - actual.to(ScalarType.Float32)).abs().max().item<float>();
    }
}
