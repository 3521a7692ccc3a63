using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.IntegratedGradients;

/// <summary>
/// Integrated Gradients (Sundararajan et al. 2017; Captum <c>IntegratedGradients</c>): (x − b)·∫₀¹ ∇f(b + α(x − b)) dα
/// by the chosen quadrature. Baselines: a scalar, one tensor, one per example, or a distribution [B, ...]
/// (attributions averaged over it). The convergence delta Σ attributions − (f(x) − f(b)) is always reported.
/// Steps × examples × baselines are evaluated in batches planned from the memory budget.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IDifferentiable | TorchSharp, imported ONNX, TorchScript | yes | yes | Steps forward+backward rows per example and baseline |
/// </remarks>
[Explainer("IntegratedGradients", ExplainerLevel.Local, typeof(IntegratedGradientsOptions),
    RequiredCapabilities = [typeof(IDifferentiable)],
    Description = "Path integral of gradients from a baseline to the input (Gauss–Legendre or Riemann rules).")]
public sealed class IntegratedGradients : Common.AttributionExplainer<IntegratedGradientsOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public IntegratedGradients(IntegratedGradientsOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rule = Options.ParsedRule;
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, allowBaselineDistribution: true, rowsPerCall: Options.PerturbationsPerEval);
        var (alphas, weights) = Quadrature.Get(rule, Options.Steps);
        var batches = new GradientBatches(setup, Planner, Options.PerturbationsPerEval, counter);
        var forward = new PerturbationEvaluator(setup, PerturbationEvaluator.PlanRows(setup, Planner, Options.PerturbationsPerEval), counter);
        var (attributions, delta) = PathIntegral.Run(setup, new BaselineSet(setup), batches, forward, alphas, weights, Options.MultiplyByInputs, cancellationToken);
        return Task.FromResult(setup.ToExplanation(this, attributions, counter, convergenceDelta: delta));
    }
}
