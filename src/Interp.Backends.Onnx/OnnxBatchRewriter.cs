using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace Interp.Backends.Onnx;

/// <summary>
/// Makes models exported with a fixed batch of 1 batchable: the leading dimension of inputs and outputs becomes
/// symbolic and constant reshapes that carry the batch are fixed (OnnxSharp's <c>SetDim</c>). The result is only
/// used after <see cref="AgreesWith"/> confirms that a batch of two gives the two single-row outputs.
/// </summary>
internal static class OnnxBatchRewriter
{
    public static byte[]? TryMakeBatchable(byte[] model)
    {
        try
        {
            var proto = ModelProto.Parser.ParseFrom(model);
            proto.Graph.SetDim();
            return proto.ToByteArray();
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Runs two deterministic pseudo-random rows one at a time on the original and as a batch on the rewrite.</summary>
    public static bool AgreesWith(InferenceSession original, InferenceSession batched, string output)
    {
        var rng = new Random(1234);
        var singles = new List<float[]>();
        var batchInputs = new List<NamedOnnxValue>();
        var rows = new List<List<NamedOnnxValue>> { new(), new() };
        foreach (var (name, meta) in original.InputMetadata)
        {
            var dims = meta.Dimensions.Select(d => d < 0 ? 1 : d).ToArray();
            int len = dims.Aggregate(1, (a, b) => a * b);
            if (meta.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16)) return false;
            var data = new float[2][];
            for (int r = 0; r < 2; r++)
            {
                data[r] = new float[len];
                for (int i = 0; i < len; i++) data[r][i] = (float)rng.NextDouble();
                rows[r].Add(Value(name, meta.ElementDataType, data[r], dims));
            }

            var both = data[0].Concat(data[1]).ToArray();
            batchInputs.Add(Value(name, meta.ElementDataType, both, [2, .. dims[1..]]));
        }

        for (int r = 0; r < 2; r++)
        {
            using var res = original.Run(rows[r], [output]);
            singles.Add(OnnxTypes.ToFloat(res[0]).Data);
        }

        using var batchedResult = batched.Run(batchInputs, [output]);
        var got = OnnxTypes.ToFloat(batchedResult[0]);
        if (got.Shape[0] != 2 || got.Length != singles[0].Length * 2) return false;
        var expected = singles[0].Concat(singles[1]).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - got.Data[i]) > 1e-4f * (1 + Math.Abs(expected[i]))) return false;
        }

        return true;
    }

    private static NamedOnnxValue Value(string name, TensorElementType type, float[] data, int[] dims) =>
        type == TensorElementType.Float16
            ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<Float16>(data.Select(f => (Float16)f).ToArray(), dims))
            : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(data, dims));
}
