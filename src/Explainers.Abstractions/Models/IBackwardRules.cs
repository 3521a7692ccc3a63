using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>
/// Capability: modified backward passes through the model's nonlinearities — ReLU rules (guided backpropagation,
/// deconvolution) and DeepLIFT's Rescale rule. Models whose inner operations cannot be intercepted (TorchScript)
/// do not offer it.
/// </summary>
public interface IBackwardRules : IDifferentiable
{
    /// <summary>Input gradients with each ReLU's backward replaced by <paramref name="rule"/>.</summary>
    /// <param name="inputs">Model inputs, batch first.</param>
    /// <param name="targets">Output index per row (or one for all rows).</param>
    /// <param name="rule">The ReLU rule.</param>
    /// <param name="cancellationToken">Cancels before the model call.</param>
    GradientResult Gradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, NonlinearityRule rule, CancellationToken cancellationToken = default);

    /// <summary>
    /// DeepLIFT multipliers (Rescale rule; max pooling by the rule that keeps completeness): m such that
    /// (x − x₀)·m sums to f(x) − f(x₀) on models built from linear maps, elementwise nonlinearities and max pooling.
    /// </summary>
    /// <param name="inputs">Model inputs, batch first.</param>
    /// <param name="references">Reference (baseline) inputs, same shapes.</param>
    /// <param name="targets">Output index per row (or one for all rows).</param>
    /// <param name="epsilon">|Δx| below which the plain gradient is used (Captum's eps, default 1e-10).</param>
    /// <param name="cancellationToken">Cancels before the model call.</param>
    GradientResult DeepLiftMultipliers(IReadOnlyList<INdArray> inputs, IReadOnlyList<INdArray> references, IReadOnlyList<int> targets, double epsilon = 1e-10, CancellationToken cancellationToken = default);
}
