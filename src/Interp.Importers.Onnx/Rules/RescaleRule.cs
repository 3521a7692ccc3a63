using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Rules;

/// <summary>
/// DeepLIFT's Rescale rule for elementwise nonlinearities y = f(x) on a batch [inputs; references]: the backward
/// multiplier is Δy/Δx (both halves get the same multiplier), or the plain derivative where |Δx| &lt; ε.
/// </summary>
internal sealed class RescaleRule : torch.autograd.SingleTensorFunction<RescaleRule>
{
    public enum Kind
    {
        Relu,
        Sigmoid,
        Tanh,
    }

    public override string Name => "InterpDeepLiftRescale";

    public static Tensor Apply(Tensor x, Kind kind, double epsilon) => apply(x, kind, epsilon);

    public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var kind = (Kind)vars[1];
        var y = Evaluate(x, kind);
        ctx.save_for_backward([x, y]);
        ctx.save_data("kind", kind);
        ctx.save_data("eps", vars[2]);
        return y;
    }

    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad)
    {
        var saved = ctx.get_saved_variables();
        Tensor x = saved[0], y = saved[1];
        var kind = (Kind)ctx.get_data("kind");
        double eps = (double)ctx.get_data("eps");
        long n = x.shape[0] / 2;
        var deltaX = x.narrow(0, 0, n) - x.narrow(0, n, n);
        var deltaY = y.narrow(0, 0, n) - y.narrow(0, n, n);
        var derivative = Derivative(x, y, kind);
        var rescaled = deltaY / where(deltaX.abs().lt(eps), ones_like(deltaX), deltaX);
        var multiplier = cat([rescaled, rescaled], 0);
        var small = cat([deltaX.abs().lt(eps), deltaX.abs().lt(eps)], 0);
        return [grad * where(small, derivative, multiplier), null!, null!]; // none for the kind and epsilon arguments
    }

    private static Tensor Evaluate(Tensor x, Kind kind) => kind switch
    {
        Kind.Relu => nn.functional.relu(x),
        Kind.Sigmoid => x.sigmoid(),
        _ => x.tanh(),
    };

    private static Tensor Derivative(Tensor x, Tensor y, Kind kind) => kind switch
    {
        Kind.Relu => x.gt(0).to_type(x.dtype),
        Kind.Sigmoid => y * (1 - y),
        _ => 1 - (y * y),
    };
}
