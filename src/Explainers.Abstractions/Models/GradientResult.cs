using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>Outputs and input gradients of a batch.</summary>
/// <param name="Outputs">The model output, batch first.</param>
/// <param name="InputGradients">One gradient per model input, each of that input's shape.</param>
public sealed record GradientResult(NdArray<float> Outputs, IReadOnlyList<NdArray<float>> InputGradients);
