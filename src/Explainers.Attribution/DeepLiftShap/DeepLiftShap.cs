using Interp.Explainers.Attribution.DeepLift;
using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.DeepLiftShap;

/// <summary>
/// DeepLiftShap (Captum <c>DeepLiftShap</c>): DeepLIFT against every baseline of a distribution, averaged. The
/// convergence delta is reported per example as the mean over its baselines; per pair under
/// <c>quality.convergence_delta_per_pair</c> ([examples × baselines], example-major).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IBackwardRules | imported ONNX | yes | yes | 2 rows per example and baseline |
/// </remarks>
[Explainer("DeepLiftShap", ExplainerLevel.Local, typeof(DeepLiftOptions), RequiredCapabilities = [typeof(IBackwardRules)], Alias = "deeplift-shap",
    Description = "DeepLIFT averaged over a distribution of baselines.")]
public sealed class DeepLiftShap : Common.AttributionExplainer<DeepLiftOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public DeepLiftShap(DeepLiftOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = request.Model as IBackwardRules ?? throw new MissingCapabilityException(Name, typeof(IBackwardRules), request.Model);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, allowBaselineDistribution: true, rowsPerCall: Options.PerturbationsPerEval);
        var baselines = new BaselineSet(setup, forceDistribution: request.Baselines is not null);
        var (attributions, perPair) = DeepLiftPass.Run(setup, rules, baselines, Planner, Options.PerturbationsPerEval, Options.Epsilon, Options.MultiplyByInputs, counter, cancellationToken);
        int b = baselines.PerExample;
        var mean = Enumerable.Range(0, setup.Examples).Select(e => perPair.Skip(e * b).Take(b).Average()).ToArray();
        var explanation = setup.ToExplanation(this, attributions, counter, convergenceDelta: mean);
        explanation.Quality["convergence_delta_per_pair"] = perPair;
        return Task.FromResult(explanation);
    }
}
