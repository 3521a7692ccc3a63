namespace Interp.Explainers.Tensors;

/// <summary>A dense, row-major n-dimensional array of any element type (float or integer model inputs).</summary>
public interface INdArray
{
    /// <summary>The shape; the first dimension is the batch where the array holds a batch.</summary>
    IReadOnlyList<int> Shape { get; }

    /// <summary>The element type (<see cref="float"/>, <see cref="long"/>, <see cref="int"/>, ...).</summary>
    Type ElementType { get; }

    /// <summary>Number of elements.</summary>
    int Length { get; }
}
