using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Deconvolution;

/// <summary>Deconvolution (Zeiler \&amp; Fergus 2014; Captum <c>Deconvolution</c>): the gradient with every ReLU's backward replaced by relu(g).</summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IBackwardRules | imported ONNX (not TorchScript: its ReLUs cannot be intercepted) | yes | yes | one forward+backward row per example |
/// </remarks>
[Explainer("Deconvolution", ExplainerLevel.Local, typeof(GradientOptions), RequiredCapabilities = [typeof(IBackwardRules)],
    Description = "Gradient with ReLU backward relu(g) (deconvolution).")]
public sealed class Deconvolution : ExplainerBase<AttributionRequest, AttributionExplanation, GradientOptions>
{
    private readonly IBatchPlanner _planner;

    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public Deconvolution(GradientOptions options, IBatchPlanner? planner = null) : base(options) => _planner = planner ?? new BatchPlanner();

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = request.Model as IBackwardRules ?? throw new MissingCapabilityException(Name, typeof(IBackwardRules), request.Model);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var batches = new GradientBatches(setup, _planner, Options.PerturbationsPerEval, counter, (inputs, targets, ct) => rules.Gradients(inputs, targets, NonlinearityRule.Deconvolution, ct));
        return Task.FromResult(setup.ToExplanation(this, GradientAtInput.Run(setup, batches, cancellationToken), counter));
    }
}
