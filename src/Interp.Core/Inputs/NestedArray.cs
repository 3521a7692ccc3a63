using System.Numerics;
using System.Text.Json;
using Interp.Explainers;
using Interp.Explainers.Tensors;

namespace Interp.Core.Inputs;

/// <summary>Reads rectangular nested JSON arrays into <see cref="NdArray{T}"/>; ragged arrays and non-numbers are errors naming the field.</summary>
public static class NestedArray
{
    /// <summary>Reads floats.</summary>
    /// <param name="e">The JSON array.</param>
    /// <param name="field">The field name for messages.</param>
    public static NdArray<float> ReadFloat(JsonElement e, string field) => Read(e, field, x => x.ValueKind == JsonValueKind.Null ? float.NaN : (float)x.GetDouble());

    /// <summary>Reads 64-bit integers.</summary>
    /// <param name="e">The JSON array.</param>
    /// <param name="field">The field name for messages.</param>
    public static NdArray<long> ReadLong(JsonElement e, string field) => Read(e, field, x => x.GetInt64());

    /// <summary>Reads 32-bit integers.</summary>
    /// <param name="e">The JSON array.</param>
    /// <param name="field">The field name for messages.</param>
    public static NdArray<int> ReadInt(JsonElement e, string field) => Read(e, field, x => x.GetInt32());

    private static NdArray<T> Read<T>(JsonElement e, string field, Func<JsonElement, T> convert) where T : unmanaged, INumber<T>
    {
        if (e.ValueKind != JsonValueKind.Array) throw new InterpException($"{field}: expected a (nested) array, got {e.ValueKind}.");
        var shape = new List<int>();
        for (var cur = e; cur.ValueKind == JsonValueKind.Array; cur = cur.GetArrayLength() > 0 ? cur[0] : default)
        {
            shape.Add(cur.GetArrayLength());
            if (cur.GetArrayLength() == 0) break;
        }

        var data = new List<T>();
        Walk(e, 0, shape, data, field, convert, "");
        return new NdArray<T>(data.ToArray(), shape.ToArray());
    }

    private static void Walk<T>(JsonElement e, int depth, List<int> shape, List<T> data, string field, Func<JsonElement, T> convert, string at)
        where T : unmanaged, INumber<T>
    {
        if (depth == shape.Count)
        {
            if (e.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            {
                throw new InterpException($"{field}{at}: expected a number, got {e.ValueKind} (arrays must be rectangular, shape [{string.Join(",", shape)}]).");
            }

            try
            {
                data.Add(convert(e));
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                throw new InterpException($"{field}{at}: {e.GetRawText()} is not a valid {typeof(T).Name}.", ex);
            }

            return;
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != shape[depth])
        {
            throw new InterpException($"{field}{at}: ragged array; expected {shape[depth]} entries at depth {depth} (shape [{string.Join(",", shape)}]).");
        }

        int i = 0;
        foreach (var child in e.EnumerateArray()) Walk(child, depth + 1, shape, data, field, convert, $"{at}[{i++}]");
    }
}
