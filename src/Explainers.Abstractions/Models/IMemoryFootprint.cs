using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>
/// Capability: how many bytes one row of a forward+backward pass keeps alive (inputs, every activation, outputs,
/// gradients), so batch planners can keep a call within <c>Interp:MaxBatchBytes</c>.
/// </summary>
public interface IMemoryFootprint : IModel
{
    /// <summary>Bytes per row of a forward+backward pass, measured on <paramref name="oneRow"/> (a batch of one).</summary>
    /// <param name="oneRow">Model inputs with a batch of one.</param>
    long BytesPerRow(IReadOnlyList<INdArray> oneRow);
}
