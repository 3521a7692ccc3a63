namespace Interp.Transformers.Loading;

/// <summary>One tensor of a safetensors file.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="DType">The stored type (<c>F32</c>, <c>F16</c>, <c>BF16</c>, ...).</param>
/// <param name="Shape">The shape.</param>
/// <param name="Begin">Start of the data, relative to the end of the header.</param>
/// <param name="End">End of the data (exclusive).</param>
public sealed record SafetensorsEntry(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>Number of elements.</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);
}
