using Google.Protobuf;
using Interp.Explainers;
using Onnx;

namespace Interp.Backends.Onnx;

/// <summary>
/// Rewrites of ONNX models used to check numerics: cast a float16 model to float32 (so ONNX Runtime computes in
/// the same precision as the importer), and expose intermediate values as graph outputs (so each node's value can
/// be compared).
/// </summary>
public static class OnnxModelRewriter
{
    private const int Float = 1, Float16 = 10;

    /// <summary>Casts every float16 initializer, constant, Cast target and declared type to float32.</summary>
    /// <param name="model">The serialized model.</param>
    public static byte[] CastFloat16ToFloat32(byte[] model)
    {
        var proto = Parse(model);
        var graph = proto.Graph;
        foreach (var init in graph.Initializer) ToFloat32(init);
        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.T is { } t) ToFloat32(t);
                if (node.OpType == "Cast" && attribute.Name == "to" && attribute.I == Float16) attribute.I = Float;
            }
        }

        foreach (var v in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            if (v.Type?.TensorType is { ElemType: Float16 } tt) tt.ElemType = Float;
        }

        return proto.ToByteArray();
    }

    /// <summary>Adds the named values as graph outputs with the given element types (ONNX TensorProto data types).</summary>
    /// <param name="model">The serialized model.</param>
    /// <param name="elementTypes">Value name → ONNX element type.</param>
    public static byte[] ExposeValues(byte[] model, IReadOnlyDictionary<string, int> elementTypes)
    {
        ArgumentNullException.ThrowIfNull(elementTypes);
        var proto = Parse(model);
        var existing = proto.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, type) in elementTypes)
        {
            if (existing.Contains(name)) continue;
            proto.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = type } },
            });
        }

        return proto.ToByteArray();
    }

    private static ModelProto Parse(byte[] model)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InterpException("Not a valid ONNX model: " + ex.Message, ex);
        }
    }

    private static void ToFloat32(TensorProto t)
    {
        if (t.DataType != Float16) return;
        ushort[] halves;
        if (!t.RawData.IsEmpty)
        {
            var raw = t.RawData.ToByteArray();
            halves = new ushort[raw.Length / 2];
            Buffer.BlockCopy(raw, 0, halves, 0, raw.Length);
        }
        else
        {
            halves = t.Int32Data.Select(i => (ushort)i).ToArray();
        }

        t.DataType = Float;
        t.Int32Data.Clear();
        t.RawData = ByteString.Empty;
        t.FloatData.Clear();
        t.FloatData.AddRange(halves.Select(h => (float)BitConverter.UInt16BitsToHalf(h)));
    }
}
