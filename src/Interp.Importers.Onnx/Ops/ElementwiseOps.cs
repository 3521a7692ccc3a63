using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Ops;

/// <summary>Element-wise arithmetic, comparisons and activations (numpy broadcasting, as ONNX).</summary>
internal static class ElementwiseOps
{
    public static void Register(Dictionary<string, OnnxOp> ops)
    {
        ops["Add"] = (n, i) => [n.Required(i, 0) + n.Required(i, 1)];
        ops["Sub"] = (n, i) => [n.Required(i, 0) - n.Required(i, 1)];
        ops["Mul"] = (n, i) => [n.Required(i, 0) * n.Required(i, 1)];
        ops["Div"] = (n, i) => [Divide(n.Required(i, 0), n.Required(i, 1))];
        ops["Pow"] = (n, i) => [n.Required(i, 0).pow(n.Required(i, 1))];
        ops["Sqrt"] = (n, i) => [n.Required(i, 0).sqrt()];
        ops["Exp"] = (n, i) => [n.Required(i, 0).exp()];
        ops["Log"] = (n, i) => [n.Required(i, 0).log()];
        ops["Neg"] = (n, i) => [n.Required(i, 0).neg()];
        ops["Abs"] = (n, i) => [n.Required(i, 0).abs()];
        ops["Reciprocal"] = (n, i) => [n.Required(i, 0).reciprocal()];
        ops["Erf"] = (n, i) => [n.Required(i, 0).erf()];
        ops["Relu"] = (n, i) => [Rules.ReluRules.Relu(n.Required(i, 0))];
        ops["Sigmoid"] = (n, i) => [Rescaled(n.Required(i, 0), Rules.RescaleRule.Kind.Sigmoid)];
        ops["Tanh"] = (n, i) => [Rescaled(n.Required(i, 0), Rules.RescaleRule.Kind.Tanh)];
        ops["LeakyRelu"] = (n, i) => [nn.functional.leaky_relu(n.Required(i, 0), n.Float("alpha", 0.01f))];
        ops["Elu"] = (n, i) => [nn.functional.elu(n.Required(i, 0), n.Float("alpha", 1f))];
        ops["Softplus"] = (n, i) => [nn.functional.softplus(n.Required(i, 0))];
        ops["Gelu"] = (n, i) => [nn.functional.gelu(n.Required(i, 0), n.String("approximate") == "tanh" ? TorchSharp.Modules.GELU.Approximate.tanh : TorchSharp.Modules.GELU.Approximate.none)];
        ops["Identity"] = (n, i) => [n.Required(i, 0)];
        ops["Dropout"] = (n, i) => [n.Required(i, 0), n.Opset < 10 ? zeros_like(n.Required(i, 0)) : ones_like(n.Required(i, 0), dtype: ScalarType.Bool)]; // inference: identity; the mask (meaningless here) as ONNX Runtime writes it
        ops["Clip"] = Clip;
        ops["Sum"] = (n, i) => [i.Where(t => t is not null).Select(t => t!).Aggregate((a, b) => a + b)];
        ops["Max"] = (n, i) => [i.Where(t => t is not null).Select(t => t!).Aggregate(maximum)];
        ops["Min"] = (n, i) => [i.Where(t => t is not null).Select(t => t!).Aggregate(minimum)];
        ops["Mean"] = (n, i) => [i.Where(t => t is not null).Select(t => t!).Aggregate((a, b) => a + b) / i.Count(t => t is not null)];
        ops["Equal"] = (n, i) => [n.Required(i, 0).eq(n.Required(i, 1))];
        ops["Less"] = (n, i) => [n.Required(i, 0).lt(n.Required(i, 1))];
        ops["LessOrEqual"] = (n, i) => [n.Required(i, 0).le(n.Required(i, 1))];
        ops["Greater"] = (n, i) => [n.Required(i, 0).gt(n.Required(i, 1))];
        ops["GreaterOrEqual"] = (n, i) => [n.Required(i, 0).ge(n.Required(i, 1))];
        ops["Not"] = (n, i) => [n.Required(i, 0).logical_not()];
        ops["And"] = (n, i) => [n.Required(i, 0).logical_and(n.Required(i, 1))];
        ops["Or"] = (n, i) => [n.Required(i, 0).logical_or(n.Required(i, 1))];
        ops["Where"] = (n, i) => [where(n.Required(i, 0).to_type(ScalarType.Bool), n.Required(i, 1), n.Required(i, 2))];
        ops["Cast"] = Cast;
        ops["Softmax"] = (n, i) => [Softmax(n, n.Required(i, 0), log: false)];
        ops["LogSoftmax"] = (n, i) => [Softmax(n, n.Required(i, 0), log: true)];
    }

    /// <summary>sigmoid/tanh, with DeepLIFT's Rescale backward when a DeepLift scope is active.</summary>
    private static Tensor Rescaled(Tensor x, Rules.RescaleRule.Kind kind)
    {
        if (Rules.BackwardRuleScope.Current is { DeepLift: true } scope && x.requires_grad) return Rules.RescaleRule.Apply(x, kind, scope.Epsilon);
        return kind == Rules.RescaleRule.Kind.Sigmoid ? x.sigmoid() : x.tanh();
    }

    private static Tensor Divide(Tensor a, Tensor b) =>
        a.is_floating_point() || b.is_floating_point() ? a / b : a.div(b, RoundingMode.trunc);

    private static Tensor[] Clip(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        if (n.Opset < 11)
        {
            return [x.clamp(n.Float("min", float.MinValue), n.Float("max", float.MaxValue))];
        }

        var min = i.Length > 1 ? i[1] : null;
        var max = i.Length > 2 ? i[2] : null;
        if (min is not null) x = maximum(x, min);
        if (max is not null) x = minimum(x, max);
        return [x];
    }

    private static Tensor[] Cast(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        long to = n.Int("to", OnnxTensorReader.Float);
        return [to switch
        {
            OnnxTensorReader.Float or OnnxTensorReader.Float16 or OnnxTensorReader.Double => x.to_type(ScalarType.Float32),
            OnnxTensorReader.Bool => x.to_type(ScalarType.Bool),
            _ => x.is_floating_point() ? x.trunc().to_type(ScalarType.Int64) : x.to_type(ScalarType.Int64),
        }];
    }

    /// <summary>Opset 13+: along <c>axis</c> (default −1). Before 13: the input is coerced to 2-D at <c>axis</c> (default 1).</summary>
    private static Tensor Softmax(OnnxNode n, Tensor x, bool log)
    {
        if (n.Opset >= 13)
        {
            long axis = n.Int("axis", -1);
            return log ? nn.functional.log_softmax(x, axis) : nn.functional.softmax(x, axis);
        }

        long a = n.Int("axis", 1);
        if (a < 0) a += x.dim();
        var shape = x.shape;
        long rows = shape.Take((int)a).Aggregate(1L, (p, d) => p * d);
        var flat = x.reshape(rows, -1);
        var y = log ? nn.functional.log_softmax(flat, 1) : nn.functional.softmax(flat, 1);
        return y.reshape(shape);
    }
}
