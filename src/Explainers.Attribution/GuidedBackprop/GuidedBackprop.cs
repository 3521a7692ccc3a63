using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.GuidedBackprop;

/// <summary>Guided backpropagation (Springenberg et al. 2015; Captum <c>GuidedBackprop</c>): the gradient with every ReLU's backward replaced by relu(g)·1[x &gt; 0].</summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IBackwardRules | imported ONNX (not TorchScript: its ReLUs cannot be intercepted) | yes | yes | one forward+backward row per example |
/// </remarks>
[Explainer("GuidedBackprop", ExplainerLevel.Local, typeof(GradientOptions), RequiredCapabilities = [typeof(IBackwardRules)],
    Description = "Gradient with ReLU backward relu(g)·1[x>0] (guided backpropagation).")]
public sealed class GuidedBackprop : ExplainerBase<AttributionRequest, AttributionExplanation, GradientOptions>
{
    private readonly IBatchPlanner _planner;

    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public GuidedBackprop(GradientOptions options, IBatchPlanner? planner = null) : base(options) => _planner = planner ?? new BatchPlanner();

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = request.Model as IBackwardRules ?? throw new MissingCapabilityException(Name, typeof(IBackwardRules), request.Model);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var batches = new GradientBatches(setup, _planner, Options.PerturbationsPerEval, counter, (inputs, targets, ct) => rules.Gradients(inputs, targets, NonlinearityRule.GuidedBackprop, ct));
        return Task.FromResult(setup.ToExplanation(this, GradientAtInput.Run(setup, batches, cancellationToken), counter));
    }
}
