namespace Interp.Sae.IO;

/// <summary>Conversions between CPU tensors and <see cref="NamedArray"/>s (exact bytes).</summary>
public static class TensorArrays
{
    /// <summary>A tensor's values (float32, int32 or int64) as an array with its shape.</summary>
    /// <param name="t">The tensor.</param>
    public static NamedArray ToArray(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var c = t.detach().contiguous().cpu();
        return c.dtype switch
        {
            ScalarType.Float32 => NamedArray.Of(c.data<float>().ToArray(), c.shape),
            ScalarType.Int32 => NamedArray.Of(c.data<int>().ToArray(), c.shape),
            ScalarType.Int64 => NamedArray.Of(c.data<long>().ToArray(), c.shape),
            _ => throw new ArgumentException($"Unsupported dtype {c.dtype}.", nameof(t)),
        };
    }

    /// <summary>A new tensor from an array.</summary>
    /// <param name="a">The array.</param>
    public static Tensor ToTensor(NamedArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.DType switch
        {
            "F32" => tensor(a.Floats(), a.Shape),
            "I32" => tensor(a.Ints(), a.Shape),
            "I64" => tensor(a.Longs(), a.Shape),
            _ => throw new InvalidDataException($"Unsupported dtype {a.DType}."),
        };
    }

    /// <summary>Copies an array's values into an existing tensor of the same shape (no gradient recorded).</summary>
    /// <param name="target">The tensor.</param>
    /// <param name="a">The values.</param>
    /// <exception cref="InvalidDataException">Another shape.</exception>
    public static void CopyInto(Tensor target, NamedArray a)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(a);
        if (!target.shape.SequenceEqual(a.Shape)) throw new InvalidDataException($"Saved array has shape [{string.Join(",", a.Shape)}], the tensor [{string.Join(",", target.shape)}].");
        using var noGrad = no_grad();
        using var source = ToTensor(a);
        target.copy_(source);
    }
}
