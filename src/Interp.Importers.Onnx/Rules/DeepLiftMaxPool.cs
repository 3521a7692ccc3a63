using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Rules;

/// <summary>
/// DeepLIFT's rule for max pooling on a batch [inputs; references] (the rule Captum implements and loses when a
/// ReLU feeds the pool, its issue #1104): per output, max(y, y₀) − y₀ is routed to the argmax of the input window
/// and y − max(y, y₀) to the argmax of the reference window; the routed deltas of both are summed per input
/// position and divided by Δx (the plain gradient where |Δx| &lt; ε). The contributions then add up to y − y₀.
/// </summary>
internal sealed class DeepLiftMaxPool : torch.autograd.SingleTensorFunction<DeepLiftMaxPool>
{
    public override string Name => "InterpDeepLiftMaxPool";

    public static Tensor Apply(Tensor x, long[] kernel, long[] strides, long[] padding, long[] dilations, bool ceil, double epsilon) =>
        apply(x, kernel, strides, padding, dilations, ceil, epsilon);

    public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var (y, indices) = nn.functional.max_pool2d_with_indices(x, (long[])vars[1], (long[])vars[2], (long[])vars[3], (long[])vars[4], (bool)vars[5]);
        ctx.save_for_backward([x, y, indices]);
        ctx.save_data("eps", vars[6]);
        return y;
    }

    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad)
    {
        var saved = ctx.get_saved_variables();
        Tensor x = saved[0], y = saved[1], indices = saved[2];
        double eps = (double)ctx.get_data("eps");
        long n = x.shape[0] / 2;
        Tensor yIn = y.narrow(0, 0, n), yRef = y.narrow(0, n, n);
        var crossMax = maximum(yIn, yRef);
        var deltaOut = cat([crossMax - yRef, yIn - crossMax], 0);
        var routed = Route(grad * deltaOut, indices, x.shape);
        var summed = routed.narrow(0, 0, n) + routed.narrow(0, n, n);
        var deltaIn = x.narrow(0, 0, n) - x.narrow(0, n, n);
        var plain = Route(grad, indices, x.shape);
        var small = deltaIn.abs().lt(eps);
        var rescaled = summed / where(small, ones_like(deltaIn), deltaIn);
        var chosen = where(cat([small, small], 0), plain, cat([rescaled, rescaled], 0));
        // One gradient per argument of apply: the tensor, then none for kernel, strides, padding, dilations, ceil, eps.
        return [chosen, null!, null!, null!, null!, null!, null!];
    }

    /// <summary>Scatter-adds per-output values to the input positions their window's maximum came from.</summary>
    private static Tensor Route(Tensor values, Tensor indices, long[] inputShape)
    {
        long batch = inputShape[0], channels = inputShape[1];
        long plane = inputShape[2] * inputShape[3];
        var target = zeros(batch, channels, plane, dtype: values.dtype, device: values.device);
        return target.scatter_add(2, indices.reshape(batch, channels, -1), values.reshape(batch, channels, -1)).reshape(inputShape);
    }
}
