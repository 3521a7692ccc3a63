using System.Text.Json;
using Interp.Explainers;

namespace Interp.Reports.Json;

/// <summary>A nested JSON number array read into a shape and flat row-major data (null reads as NaN).</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Data">The values, row-major.</param>
internal sealed record NestedArray(int[] Shape, double[] Data)
{
    public int Rank => Shape.Length;

    /// <summary>Reads a (possibly nested) array of numbers; a bare number is a rank-0 array.</summary>
    public static NestedArray Read(JsonElement element, string name)
    {
        var shape = new List<int>();
        var probe = element;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            shape.Add(probe.GetArrayLength());
            if (probe.GetArrayLength() == 0) break;
            probe = probe[0];
        }

        long total = 1;
        foreach (var s in shape) total *= s;
        if (total > 200_000_000) throw new InterpException($"\"{name}\" has {total} values; too large to render.");
        var data = new double[total];
        int offset = 0;
        Fill(element, shape, 0, data, ref offset, name);
        return new NestedArray(shape.ToArray(), data);
    }

    private static void Fill(JsonElement e, List<int> shape, int dim, double[] data, ref int offset, string name)
    {
        if (dim == shape.Count)
        {
            data[offset++] = e.ValueKind switch
            {
                JsonValueKind.Number => e.GetDouble(),
                JsonValueKind.Null => double.NaN,
                _ => throw new InterpException($"\"{name}\": expected a number, found {e.ValueKind}."),
            };
            return;
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != shape[dim])
        {
            throw new InterpException($"\"{name}\" is not a rectangular array (axis {dim} should have {shape[dim]} entries).");
        }

        foreach (var child in e.EnumerateArray()) Fill(child, shape, dim + 1, data, ref offset, name);
    }

    /// <summary>The flat length of one slice along the first axis.</summary>
    public int RowLength => Shape.Length == 0 ? 1 : (Shape[0] == 0 ? 0 : Data.Length / Shape[0]);

    /// <summary>One slice along the first axis.</summary>
    public double[] Row(int index) => Data.AsSpan(index * RowLength, RowLength).ToArray();
}
