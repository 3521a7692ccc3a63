using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>Capability: gradients of a chosen output scalar per example with respect to the float inputs.</summary>
public interface IDifferentiable : IPredictor
{
    /// <summary>
    /// Evaluates a batch and returns, for every float input, d output[b, target[b]] / d input[b] (zeros for
    /// integer inputs), plus the outputs themselves.
    /// </summary>
    /// <param name="inputs">One array per input, batch first.</param>
    /// <param name="targets">Index into the flattened per-example output, one per batch row.</param>
    /// <param name="cancellationToken">Cancels before the model call.</param>
    GradientResult Gradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, CancellationToken cancellationToken = default);
}
