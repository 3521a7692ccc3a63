using Interp.Explainers.Models;
using Interp.Explainers.Tensors;

namespace Interp.Tests.Linear;

/// <summary>A one-output predictor over [batch, features] rows given by a function of a row.</summary>
internal sealed class FunctionPredictor(int features, Func<float[], float> f) : IPredictor
{
    public ModelSource Source { get; } = new(null, null, "function");

    public IReadOnlyList<TensorSpec> Inputs { get; } = [new TensorSpec("x", typeof(float), [-1, features])];

    public TensorSpec Output { get; } = new("y", typeof(float), [-1, 1]);

    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default)
    {
        var x = (NdArray<float>)inputs[0];
        int n = x.Shape[0];
        var y = new float[n];
        for (int r = 0; r < n; r++) y[r] = f(x.Data.AsSpan(r * features, features).ToArray());
        return new NdArray<float>(y, n, 1);
    }

    public void Dispose()
    {
    }
}
