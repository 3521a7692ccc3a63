using Interp.Explainers.Models;
using Interp.Explainers.Tensors;

namespace Interp.Tests.Conformance;

/// <summary>
/// Wraps a model with every gradient capability (an imported ONNX model): counts calls and rows of every kind of
/// model call, and cancels a token once the k-th call has returned.
/// </summary>
internal sealed class CountingDifferentiable(IBackwardRules inner, CancellationTokenSource? cancelAfter = null, int k = int.MaxValue) : ILayerDifferentiable, IBackwardRules
{
    private readonly ILayerDifferentiable _layers = (ILayerDifferentiable)inner;

    public int Calls { get; private set; }

    public int Rows { get; private set; }

    public int LargestBatch { get; private set; }

    public ModelSource Source => inner.Source;

    public IReadOnlyList<TensorSpec> Inputs => inner.Inputs;

    public TensorSpec Output => inner.Output;

    public IReadOnlyList<string> HookPointNames => _layers.HookPointNames;

    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default) => Count(inputs, inner.Predict(inputs, cancellationToken));

    public GradientResult Gradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, CancellationToken cancellationToken = default) => Count(inputs, inner.Gradients(inputs, targets, cancellationToken));

    public GradientResult Gradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, NonlinearityRule rule, CancellationToken cancellationToken = default) => Count(inputs, inner.Gradients(inputs, targets, rule, cancellationToken));

    public GradientResult DeepLiftMultipliers(IReadOnlyList<INdArray> inputs, IReadOnlyList<INdArray> references, IReadOnlyList<int> targets, double epsilon = 1e-10, CancellationToken cancellationToken = default) =>
        Count(inputs, inner.DeepLiftMultipliers(inputs, references, targets, epsilon, cancellationToken), rowsPerInputRow: 2); // inputs and references in one pass

    public LayerGradientResult LayerGradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, string layer, NdArray<float>? replacement = null, CancellationToken cancellationToken = default) =>
        Count(inputs, _layers.LayerGradients(inputs, targets, layer, replacement, cancellationToken));

    public NdArray<float> RunWithHooks(IReadOnlyList<INdArray> inputs, IReadOnlyDictionary<string, Func<string, NdArray<float>, NdArray<float>>> hooks, CancellationToken cancellationToken = default) =>
        Count(inputs, _layers.RunWithHooks(inputs, hooks, cancellationToken));

    private T Count<T>(IReadOnlyList<INdArray> inputs, T result, int rowsPerInputRow = 1)
    {
        Calls++;
        Rows += inputs[0].Shape[0] * rowsPerInputRow;
        LargestBatch = Math.Max(LargestBatch, inputs[0].Shape[0]);
        if (Calls == k) cancelAfter?.Cancel();
        return result;
    }

    public void Dispose()
    {
    }
}
