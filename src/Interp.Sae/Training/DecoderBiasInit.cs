namespace Interp.Sae.Training;

/// <summary>Initial decoder bias from data: the mean, or the geometric median (Weiszfeld's iteration), as SAELens' <c>b_dec_init_method</c>.</summary>
public static class DecoderBiasInit
{
    /// <summary>The mean of the rows of <paramref name="x"/> [n, d].</summary>
    /// <param name="x">Sample activations.</param>
    public static Tensor Mean(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.mean([0L]);
    }

    /// <summary>
    /// The geometric median of the rows of <paramref name="x"/>: argmin_y Σ‖x_i − y‖, by Weiszfeld's iteration from
    /// the mean (weights 1/max(‖x_i − y‖, 1e-8)) until the step is below 1e-6 of the data scale or 200 iterations.
    /// </summary>
    /// <param name="x">Sample activations [n, d].</param>
    public static Tensor GeometricMedian(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var xd = x.to(ScalarType.Float64);
        var y = xd.mean([0L]);
        double scale = Math.Max(xd.abs().max().item<double>(), 1e-12);
        for (int i = 0; i < 200; i++)
        {
            var w = 1.0 / (xd - y).pow(2).sum(1).sqrt().clamp_min(1e-8);
            var next = (w.unsqueeze(1) * xd).sum(dim: 0) / w.sum();
            double moved = (next - y).abs().max().item<double>();
            y = next;
            if (moved < 1e-6 * scale) break;
        }

        return y.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>The initial b_dec for a method name (<c>geometric_median</c>, <c>mean</c>, <c>zeros</c>).</summary>
    /// <param name="method">The method.</param>
    /// <param name="x">Sample activations [n, d].</param>
    public static Tensor For(string method, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return method switch
        {
            "geometric_median" => GeometricMedian(x),
            "mean" => Mean(x),
            "zeros" => zeros(x.shape[1], ScalarType.Float32),
            _ => throw new ArgumentException($"Unknown b_dec init method '{method}'.", nameof(method)),
        };
    }
}
