using System.Numerics;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Toolkit.Perturbation;

/// <summary>
/// One batch of rows for a model call: row r is a modified copy of the attributed input of example
/// <c>exampleOf(start + r)</c>; the model's other inputs are copied from that example.
/// </summary>
public static class PerturbedBatch
{
    /// <summary>Builds rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> − 1.</summary>
    /// <param name="setup">The validated request.</param>
    /// <param name="start">First row.</param>
    /// <param name="count">Rows in the batch.</param>
    /// <param name="exampleOf">The example each row belongs to.</param>
    /// <param name="fill">Writes row k's attributed input into the span (pre-filled with its example's input).</param>
    /// <returns>Each row's example and the model inputs, batch first.</returns>
    public static (int[] Examples, INdArray[] Inputs) Build(AttributionSetup setup, int start, int count, Func<int, int> exampleOf, Action<int, Span<float>> fill) =>
        Build(setup, start, count, exampleOf, fill, buffer: null);

    /// <summary>As above, writing the attributed rows into <paramref name="buffer"/> when it has exactly their length (reused between calls).</summary>
    /// <param name="setup">The validated request.</param>
    /// <param name="start">First row.</param>
    /// <param name="count">Rows in the batch.</param>
    /// <param name="exampleOf">The example each row belongs to.</param>
    /// <param name="fill">Writes row k's attributed input into the span (pre-filled with its example's input).</param>
    /// <param name="buffer">A float array of <paramref name="count"/> × the example length to reuse, or null.</param>
    /// <returns>Each row's example and the model inputs, batch first.</returns>
    public static (int[] Examples, INdArray[] Inputs) Build(AttributionSetup setup, int start, int count, Func<int, int> exampleOf, Action<int, Span<float>> fill, float[]? buffer)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(exampleOf);
        ArgumentNullException.ThrowIfNull(fill);
        var request = setup.Request;
        int len = setup.ExampleLength;
        var examples = new int[count];
        var attributed = buffer is not null && buffer.Length == count * len ? buffer : new float[count * len];
        for (int r = 0; r < count; r++)
        {
            examples[r] = exampleOf(start + r);
            var row = attributed.AsSpan(r * len, len);
            setup.Input.Row(examples[r]).CopyTo(row);
            fill(start + r, row);
        }

        var inputs = new INdArray[request.Inputs.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = i == request.InputIndex ? setup.ToModelInput(attributed, count) : Gather(request.Inputs[i], examples);
        }

        return (examples, inputs);
    }

    /// <summary>Rows <paramref name="examples"/> of <paramref name="source"/>, in that order.</summary>
    /// <param name="source">A batch-first array.</param>
    /// <param name="examples">Row indices.</param>
    public static INdArray Gather(INdArray source, int[] examples) => source switch
    {
        NdArray<float> f => Of(f, examples),
        NdArray<long> l => Of(l, examples),
        NdArray<int> i => Of(i, examples),
        NdArray<double> d => Of(d, examples),
        _ => throw new NotSupportedException($"Input element type {source?.ElementType.Name} is not supported."),
    };

    private static NdArray<T> Of<T>(NdArray<T> source, int[] examples) where T : unmanaged, INumber<T>
    {
        int len = source.RowLength;
        var data = new T[examples.Length * len];
        for (int r = 0; r < examples.Length; r++) source.Row(examples[r]).CopyTo(data.AsSpan(r * len, len));
        return new NdArray<T>(data, [examples.Length, .. source.RowShape]);
    }
}
