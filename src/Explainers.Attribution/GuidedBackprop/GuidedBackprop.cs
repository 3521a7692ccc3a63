using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;

namespace Interp.Explainers.Attribution.GuidedBackprop;

/// <summary>Guided backpropagation (Springenberg et al. 2015; Captum <c>GuidedBackprop</c>): the gradient with every ReLU's backward replaced by relu(g)·1[x &gt; 0].</summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IBackwardRules | imported ONNX (not TorchScript: its ReLUs cannot be intercepted) | yes | yes | one forward+backward row per example |
/// </remarks>
[Explainer("GuidedBackprop", ExplainerLevel.Local, typeof(GradientOptions), RequiredCapabilities = [typeof(IBackwardRules)],
    Description = "Gradient with ReLU backward relu(g)·1[x>0] (guided backpropagation).")]
public sealed class GuidedBackprop : ReluRuleExplainer
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public GuidedBackprop(GradientOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    protected override NonlinearityRule Rule => NonlinearityRule.GuidedBackprop;
}
