using Interp.Explainers.Models;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>A predictor whose output rows are the softmax of the inner model's (flattened) output rows.</summary>
internal sealed class SoftmaxPredictor(IPredictor inner) : IPredictor
{
    public ModelSource Source => inner.Source;

    public IReadOnlyList<TensorSpec> Inputs => inner.Inputs;

    public TensorSpec Output => inner.Output;

    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default)
    {
        var logits = inner.Predict(inputs, cancellationToken);
        var result = new float[logits.Length];
        int rows = logits.Rank == 0 ? 1 : logits.Shape[0], len = logits.Length / Math.Max(1, rows);
        for (int r = 0; r < rows; r++)
        {
            var row = logits.Data.AsSpan(r * len, len);
            float max = float.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            double sum = 0;
            foreach (var v in row) sum += Math.Exp(v - max);
            for (int i = 0; i < len; i++) result[(r * len) + i] = (float)(Math.Exp(row[i] - max) / sum);
        }

        return new NdArray<float>(result, logits.ShapeArray);
    }

    /// <summary>The inner model belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
