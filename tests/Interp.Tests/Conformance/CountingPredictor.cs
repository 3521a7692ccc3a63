using Interp.Explainers.Models;
using Interp.Explainers.Tensors;

namespace Interp.Tests.Conformance;

/// <summary>Wraps a predictor: counts calls and rows, and cancels a token once the k-th call has returned.</summary>
internal sealed class CountingPredictor(IPredictor inner, CancellationTokenSource? cancelAfter = null, int k = int.MaxValue) : IPredictor
{
    public int Calls { get; private set; }

    public int Rows { get; private set; }

    public int LargestBatch { get; private set; }

    public ModelSource Source => inner.Source;

    public IReadOnlyList<TensorSpec> Inputs => inner.Inputs;

    public TensorSpec Output => inner.Output;

    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default)
    {
        var result = inner.Predict(inputs, cancellationToken);
        Calls++;
        Rows += inputs[0].Shape[0];
        LargestBatch = Math.Max(LargestBatch, inputs[0].Shape[0]);
        if (Calls == k) cancelAfter?.Cancel();
        return result;
    }

    public void Dispose()
    {
    }
}
