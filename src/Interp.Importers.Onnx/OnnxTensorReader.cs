using Google.Protobuf;
using Interp.Explainers;
using Onnx;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx;

/// <summary>
/// Turns ONNX <c>TensorProto</c>s (typed fields, raw little-endian bytes, or external data files next to the
/// model) into TorchSharp tensors. float16 and double are promoted to float32; integer types become int64, bool
/// stays bool.
/// </summary>
internal static class OnnxTensorReader
{
    public const int Float = 1, UInt8 = 2, Int8 = 3, UInt16 = 4, Int16 = 5, Int32 = 6, Int64 = 7, Bool = 9, Float16 = 10, Double = 11, UInt32 = 12, UInt64 = 13;

    public static Tensor Read(TensorProto proto, string? modelDirectory, string what)
    {
        var dims = proto.Dims.ToArray();
        long count = dims.Aggregate(1L, (a, b) => a * b);
        byte[]? raw = null;
        if (proto.DataLocation == TensorProto.Types.DataLocation.External)
        {
            raw = ReadExternal(proto, modelDirectory, what);
        }
        else if (!proto.RawData.IsEmpty)
        {
            raw = proto.RawData.ToByteArray();
        }

        switch (proto.DataType)
        {
            case Float:
                return tensor(raw is null ? proto.FloatData.ToArray() : Cast<float>(raw, count, what), dims);
            case Double:
                return tensor((raw is null ? proto.DoubleData.ToArray() : Cast<double>(raw, count, what)).Select(d => (float)d).ToArray(), dims);
            case Float16:
            {
                var halves = raw is null ? proto.Int32Data.Select(i => (ushort)i).ToArray() : Cast<ushort>(raw, count, what);
                return tensor(halves.Select(h => (float)BitConverter.UInt16BitsToHalf(h)).ToArray(), dims);
            }

            case Int64:
                return tensor(raw is null ? proto.Int64Data.ToArray() : Cast<long>(raw, count, what), dims);
            case Int32 or Int16 or Int8 or UInt8 or UInt16:
            {
                long[] values = raw is null
                    ? proto.Int32Data.Select(i => (long)i).ToArray()
                    : proto.DataType switch
                    {
                        Int32 => Cast<int>(raw, count, what).Select(v => (long)v).ToArray(),
                        Int16 => Cast<short>(raw, count, what).Select(v => (long)v).ToArray(),
                        UInt16 => Cast<ushort>(raw, count, what).Select(v => (long)v).ToArray(),
                        Int8 => raw.Select(b => (long)(sbyte)b).ToArray(),
                        _ => raw.Select(b => (long)b).ToArray(),
                    };
                return tensor(values, dims);
            }

            case Bool:
            {
                var values = raw is null ? proto.Int32Data.Select(i => i != 0).ToArray() : raw.Select(b => b != 0).ToArray();
                return tensor(values, dims);
            }

            case UInt32 or UInt64:
                return tensor(raw is null ? proto.Uint64Data.Select(v => (long)v).ToArray() : (proto.DataType == UInt32 ? Cast<uint>(raw, count, what).Select(v => (long)v).ToArray() : Cast<ulong>(raw, count, what).Select(v => (long)v).ToArray()), dims);
            default:
                throw new InterpException($"{what}: ONNX tensor data type {proto.DataType} is not supported.");
        }
    }

    private static T[] Cast<T>(byte[] raw, long count, string what) where T : unmanaged
    {
        int size = System.Runtime.InteropServices.Marshal.SizeOf<T>();
        if (raw.LongLength != count * size)
        {
            throw new InterpException($"{what}: holds {raw.LongLength} bytes, expected {count} × {size} (truncated or corrupt model).");
        }

        var result = new T[count];
        Buffer.BlockCopy(raw, 0, result, 0, raw.Length);
        return result;
    }

    private static byte[] ReadExternal(TensorProto proto, string? modelDirectory, string what)
    {
        var entries = proto.ExternalData.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!entries.TryGetValue("location", out var location))
        {
            throw new InterpException($"{what}: external data without a 'location'.");
        }

        var path = Path.Combine(modelDirectory ?? ".", location);
        if (!File.Exists(path))
        {
            throw new InterpException($"{what}: external data file '{path}' is missing (it must sit next to the model).");
        }

        long offset = entries.TryGetValue("offset", out var o) ? long.Parse(o, System.Globalization.CultureInfo.InvariantCulture) : 0;
        using var stream = File.OpenRead(path);
        long length = entries.TryGetValue("length", out var l) ? long.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : stream.Length - offset;
        if (offset + length > stream.Length)
        {
            throw new InterpException($"{what}: external data file '{path}' is too short ({stream.Length} bytes; needs {offset + length}).");
        }

        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Whether a TensorProto data type is a floating type.</summary>
    public static bool IsFloat(int dataType) => dataType is Float or Float16 or Double;

    /// <summary>Parses a model, turning protobuf errors into a clear message.</summary>
    public static ModelProto ParseModel(byte[] bytes, string path)
    {
        try
        {
            var model = ModelProto.Parser.ParseFrom(bytes);
            if (model.Graph is null || model.Graph.Node.Count == 0)
            {
                throw new InterpException($"Model file '{path}' is not a valid ONNX model (no graph or no nodes; truncated or corrupt?).");
            }

            return model;
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InterpException($"Model file '{path}' is not a valid ONNX model (truncated or corrupt?): {ex.Message}", ex);
        }
    }
}
