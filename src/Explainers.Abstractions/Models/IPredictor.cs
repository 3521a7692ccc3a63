using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>Capability: batched prediction with one or several float or integer inputs.</summary>
public interface IPredictor : IModel
{
    /// <summary>The model's inputs, in the order <see cref="Predict"/> takes them.</summary>
    IReadOnlyList<TensorSpec> Inputs { get; }

    /// <summary>The output <see cref="Predict"/> returns.</summary>
    TensorSpec Output { get; }

    /// <summary>
    /// Evaluates a batch. Every input carries the batch as its first dimension (all the same size); the result
    /// is the output with the same batch size first. The adapter handles models with a fixed batch (by looping)
    /// and element-type conversion at its boundary.
    /// </summary>
    /// <param name="inputs">One array per entry of <see cref="Inputs"/>.</param>
    /// <param name="cancellationToken">Cancels before the model call.</param>
    NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default);
}
