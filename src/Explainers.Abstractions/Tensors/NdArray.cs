using System.Numerics;

namespace Interp.Explainers.Tensors;

/// <summary>
/// A dense, row-major n-dimensional array over a managed buffer: the tensor type of the contracts, free of any
/// backend. Backends convert at their boundary.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class NdArray<T> : INdArray where T : unmanaged, INumber<T>
{
    private readonly int[] _shape;

    /// <summary>Wraps <paramref name="data"/> (not copied) with <paramref name="shape"/>.</summary>
    /// <param name="data">Row-major elements.</param>
    /// <param name="shape">The shape; its product must equal <c>data.Length</c>.</param>
    public NdArray(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Negative dimension in shape {Format(shape)}.", nameof(shape));
            n *= d;
        }

        if (n != data.Length)
        {
            throw new ArgumentException($"Shape {Format(shape)} holds {n} elements but the data has {data.Length}.", nameof(shape));
        }

        Data = data;
        _shape = (int[])shape.Clone();
    }

    /// <summary>A zero-filled array of <paramref name="shape"/>.</summary>
    /// <param name="shape">The shape.</param>
    public static NdArray<T> Zeros(params int[] shape) => new(new T[Product(shape)], shape);

    /// <summary>The row-major elements (shared, not a copy).</summary>
    public T[] Data { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The shape as an array copy.</summary>
    public int[] ShapeArray => (int[])_shape.Clone();

    /// <inheritdoc />
    public Type ElementType => typeof(T);

    /// <inheritdoc />
    public int Length => Data.Length;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Elements per entry of the first dimension (the size of one example in a batch).</summary>
    public int RowLength => _shape.Length == 0 ? 1 : (_shape[0] == 0 ? Product(_shape.AsSpan(1)) : Data.Length / _shape[0]);

    /// <summary>The shape without the first (batch) dimension.</summary>
    public int[] RowShape => _shape.Length == 0 ? [] : _shape[1..];

    /// <summary>The elements of row <paramref name="index"/> of the first dimension.</summary>
    /// <param name="index">Row index.</param>
    public Span<T> Row(int index) => Data.AsSpan(index * RowLength, RowLength);

    /// <summary>A copy of row <paramref name="index"/> as an array of shape <see cref="RowShape"/>.</summary>
    /// <param name="index">Row index.</param>
    public NdArray<T> RowArray(int index) => new(Row(index).ToArray(), RowShape);

    /// <summary>Same data, another shape with the same number of elements.</summary>
    /// <param name="shape">The new shape.</param>
    public NdArray<T> Reshape(params int[] shape) => new(Data, shape);

    /// <summary>A deep copy.</summary>
    public NdArray<T> Clone() => new((T[])Data.Clone(), _shape);

    /// <summary>Stacks equally shaped arrays along a new first dimension.</summary>
    /// <param name="rows">The arrays.</param>
    public static NdArray<T> Stack(IReadOnlyList<NdArray<T>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("Nothing to stack.", nameof(rows));
        var rowShape = rows[0].ShapeArray;
        int len = rows[0].Length;
        var data = new T[len * rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            if (!rows[i]._shape.AsSpan().SequenceEqual(rowShape))
            {
                throw new ArgumentException($"Row {i} has shape {Format(rows[i]._shape)}, expected {Format(rowShape)}.", nameof(rows));
            }

            rows[i].Data.CopyTo(data, i * len);
        }

        return new NdArray<T>(data, [rows.Count, .. rowShape]);
    }

    /// <summary>The product of the dimensions.</summary>
    /// <param name="shape">A shape.</param>
    public static int Product(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return checked((int)n);
    }

    /// <summary>Formats a shape as <c>[a,b,c]</c>.</summary>
    /// <param name="shape">A shape.</param>
    public static string Format(IEnumerable<int> shape) => "[" + string.Join(",", shape) + "]";

    /// <inheritdoc />
    public override string ToString() => $"NdArray<{typeof(T).Name}>{Format(_shape)}";
}
