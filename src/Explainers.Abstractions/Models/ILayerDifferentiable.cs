using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>
/// Capability: activations and gradients at a named hook point (layer attribution methods). Optionally the
/// activation is replaced (e.g. by an interpolation between baseline and input activations) and the gradient is
/// taken with respect to the replacement.
/// </summary>
public interface ILayerDifferentiable : IHookable, IDifferentiable
{
    /// <summary>Runs a batch, capturing the activation at <paramref name="layer"/> and d output[b, targets[b]] / d activation.</summary>
    /// <param name="inputs">Model inputs, batch first.</param>
    /// <param name="targets">Output index per row (or one for all rows).</param>
    /// <param name="layer">An exact hook point name.</param>
    /// <param name="replacement">When given, the layer's activation is replaced by it (same shape) before the rest of the forward pass.</param>
    /// <param name="cancellationToken">Cancels before the model call.</param>
    LayerGradientResult LayerGradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, string layer, NdArray<float>? replacement = null, CancellationToken cancellationToken = default);
}
