using Interp.Explainers.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Rules;

/// <summary>ReLU with guided-backprop or deconvolution backward passes.</summary>
internal static class ReluRules
{
    /// <summary>relu(x), whose backward follows the rule in force.</summary>
    public static Tensor Relu(Tensor x)
    {
        var scope = BackwardRuleScope.Current;
        if (scope is null || !x.requires_grad) return nn.functional.relu(x);
        if (scope.DeepLift) return RescaleRule.Apply(x, RescaleRule.Kind.Relu, scope.Epsilon);
        return scope.Rule switch
        {
            NonlinearityRule.GuidedBackprop => GuidedRelu.apply(x),
            NonlinearityRule.Deconvolution => DeconvolutionRelu.apply(x),
            _ => nn.functional.relu(x),
        };
    }

    /// <summary>Guided backpropagation: the incoming gradient is passed where both it and the input are positive.</summary>
    internal sealed class GuidedRelu : torch.autograd.SingleTensorFunction<GuidedRelu>
    {
        public override string Name => "InterpGuidedRelu";

        public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward([x]);
            return nn.functional.relu(x);
        }

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad)
        {
            var x = ctx.get_saved_variables()[0];
            return [nn.functional.relu(grad) * x.gt(0).to_type(grad.dtype)];
        }
    }

    /// <summary>Deconvolution: the incoming gradient is passed where it is positive, whatever the input.</summary>
    internal sealed class DeconvolutionRelu : torch.autograd.SingleTensorFunction<DeconvolutionRelu>
    {
        public override string Name => "InterpDeconvolutionRelu";

        public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars) => nn.functional.relu((Tensor)vars[0]);

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad) => [nn.functional.relu(grad)];
    }
}
