using Interp.Explainers.Attribution.Common;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>The input gradient with every ReLU's backward pass replaced by <see cref="Rule"/> (GuidedBackprop, Deconvolution).</summary>
public abstract class ReluRuleExplainer : AttributionExplainer<GradientOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    protected ReluRuleExplainer(GradientOptions options, IBatchPlanner? planner) : base(options, planner)
    {
    }

    /// <summary>The ReLU backward rule.</summary>
    protected abstract NonlinearityRule Rule { get; }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = request.Model as IBackwardRules ?? throw new MissingCapabilityException(Name, typeof(IBackwardRules), request.Model);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var batches = new GradientBatches(setup, Planner, Options.PerturbationsPerEval, counter, (inputs, targets, ct) => rules.Gradients(inputs, targets, Rule, ct));
        return Task.FromResult(setup.ToExplanation(this, GradientAtInput.Run(setup, batches, cancellationToken), counter));
    }
}
