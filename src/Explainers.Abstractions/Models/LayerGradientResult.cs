using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>A layer's activation, the target's gradient with respect to it, and the model outputs.</summary>
/// <param name="Activation">The activation (or its replacement), batch first.</param>
/// <param name="Gradient">d output[b, target[b]] / d activation, same shape.</param>
/// <param name="Outputs">The model outputs, batch first.</param>
public sealed record LayerGradientResult(NdArray<float> Activation, NdArray<float> Gradient, NdArray<float> Outputs);
