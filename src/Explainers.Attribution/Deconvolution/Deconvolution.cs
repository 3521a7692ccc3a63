using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;

namespace Interp.Explainers.Attribution.Deconvolution;

/// <summary>Deconvolution (Zeiler \&amp; Fergus 2014; Captum <c>Deconvolution</c>): the gradient with every ReLU's backward replaced by relu(g).</summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IBackwardRules | imported ONNX (not TorchScript: its ReLUs cannot be intercepted) | yes | yes | one forward+backward row per example |
/// </remarks>
[Explainer("Deconvolution", ExplainerLevel.Local, typeof(GradientOptions), RequiredCapabilities = [typeof(IBackwardRules)],
    Description = "Gradient with ReLU backward relu(g) (deconvolution).")]
public sealed class Deconvolution : ReluRuleExplainer
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public Deconvolution(GradientOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    protected override NonlinearityRule Rule => NonlinearityRule.Deconvolution;
}
