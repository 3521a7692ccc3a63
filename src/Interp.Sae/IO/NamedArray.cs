using System.Runtime.InteropServices;

namespace Interp.Sae.IO;

/// <summary>One array of a safetensors file: its dtype (<c>F32</c>, <c>I32</c> or <c>I64</c>), shape and little-endian bytes.</summary>
/// <param name="DType">safetensors dtype name.</param>
/// <param name="Shape">The shape.</param>
/// <param name="Bytes">The raw data.</param>
public sealed record NamedArray(string DType, long[] Shape, byte[] Bytes)
{
    /// <summary>A float32 array.</summary>
    /// <param name="data">Values.</param>
    /// <param name="shape">Shape (defaults to one dimension).</param>
    public static NamedArray Of(float[] data, params long[] shape) =>
        new("F32", shape.Length == 0 ? [data.Length] : shape, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());

    /// <summary>An int32 array.</summary>
    /// <param name="data">Values.</param>
    /// <param name="shape">Shape (defaults to one dimension).</param>
    public static NamedArray Of(int[] data, params long[] shape) =>
        new("I32", shape.Length == 0 ? [data.Length] : shape, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());

    /// <summary>An int64 array.</summary>
    /// <param name="data">Values.</param>
    /// <param name="shape">Shape (defaults to one dimension).</param>
    public static NamedArray Of(long[] data, params long[] shape) =>
        new("I64", shape.Length == 0 ? [data.Length] : shape, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());

    /// <summary>The values as float32 (the dtype must be <c>F32</c>).</summary>
    public float[] Floats() => DType == "F32" ? MemoryMarshal.Cast<byte, float>(Bytes).ToArray() : throw new InvalidDataException($"Array is {DType}, not F32.");

    /// <summary>The values as int32 (the dtype must be <c>I32</c>).</summary>
    public int[] Ints() => DType == "I32" ? MemoryMarshal.Cast<byte, int>(Bytes).ToArray() : throw new InvalidDataException($"Array is {DType}, not I32.");

    /// <summary>The values as int64 (the dtype must be <c>I64</c>).</summary>
    public long[] Longs() => DType == "I64" ? MemoryMarshal.Cast<byte, long>(Bytes).ToArray() : throw new InvalidDataException($"Array is {DType}, not I64.");

    /// <summary>Bytes per element of a safetensors dtype.</summary>
    /// <param name="dtype">The dtype name.</param>
    public static int ElementSize(string dtype) => dtype switch
    {
        "F32" or "I32" => 4,
        "I64" => 8,
        _ => throw new InvalidDataException($"Unsupported safetensors dtype '{dtype}' (F32, I32, I64 are read)."),
    };
}
