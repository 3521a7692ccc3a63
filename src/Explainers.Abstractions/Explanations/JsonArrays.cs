using System.Numerics;
using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>Writes arrays as (nested) JSON arrays; floats are written exactly (round-trip).</summary>
public static class JsonArrays
{
    /// <summary>Writes an n-dimensional array as nested JSON arrays following its shape.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="array">The array.</param>
    public static void Write<T>(Utf8JsonWriter writer, NdArray<T> array) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(array);
        int offset = 0;
        WriteLevel(writer, array.Data, array.ShapeArray, 0, ref offset);
    }

    /// <summary>Writes a flat list of numbers.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="values">The values.</param>
    public static void Write<T>(Utf8JsonWriter writer, IReadOnlyList<T> values) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        writer.WriteStartArray();
        foreach (var v in values) WriteNumber(writer, v);
        writer.WriteEndArray();
    }

    private static void WriteLevel<T>(Utf8JsonWriter writer, T[] data, int[] shape, int dim, ref int offset) where T : unmanaged, INumber<T>
    {
        if (dim == shape.Length)
        {
            WriteNumber(writer, data[offset++]);
            return;
        }

        writer.WriteStartArray();
        for (int i = 0; i < shape[dim]; i++) WriteLevel(writer, data, shape, dim + 1, ref offset);
        writer.WriteEndArray();
    }

    private static void WriteNumber<T>(Utf8JsonWriter writer, T value) where T : INumber<T>
    {
        switch (value)
        {
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float or double:
                writer.WriteNullValue(); // JSON has no NaN/Infinity.
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            default:
                writer.WriteNumberValue(double.CreateChecked(value));
                break;
        }
    }
}
