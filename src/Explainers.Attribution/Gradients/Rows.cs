using System.Numerics;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>Row gathering for the inputs that are not attributed (copied from each row's example).</summary>
internal static class Rows
{
    public static INdArray Gather(INdArray source, int[] examples) => source switch
    {
        NdArray<float> f => Of(f, examples),
        NdArray<long> l => Of(l, examples),
        NdArray<int> i => Of(i, examples),
        _ => throw new NotSupportedException($"Input element type {source.ElementType.Name} is not supported."),
    };

    private static NdArray<T> Of<T>(NdArray<T> source, int[] examples) where T : unmanaged, INumber<T>
    {
        int len = source.RowLength;
        var data = new T[examples.Length * len];
        for (int r = 0; r < examples.Length; r++) source.Row(examples[r]).CopyTo(data.AsSpan(r * len, len));
        return new NdArray<T>(data, [examples.Length, .. source.RowShape]);
    }
}
