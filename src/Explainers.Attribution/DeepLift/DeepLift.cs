using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.DeepLift;

/// <summary>
/// DeepLIFT with the Rescale rule (Shrikumar et al. 2017; Captum <c>DeepLift</c>): nonlinearities pass Δy/Δx
/// backwards, max pooling routes its output difference by DeepLIFT's rule, linear maps their weights; the
/// attributions then sum to f(x) − f(baseline) on such networks (the convergence delta says how far they do).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IBackwardRules | imported ONNX | yes | yes | one forward+backward of 2 rows per example |
/// </remarks>
[Explainer("DeepLift", ExplainerLevel.Local, typeof(DeepLiftOptions), RequiredCapabilities = [typeof(IBackwardRules)], Alias = "deeplift",
    Description = "DeepLIFT Rescale: difference-from-reference multipliers through the network.")]
public sealed class DeepLift : Common.AttributionExplainer<DeepLiftOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public DeepLift(DeepLiftOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = request.Model as IBackwardRules ?? throw new MissingCapabilityException(Name, typeof(IBackwardRules), request.Model);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var (attributions, deltas) = DeepLiftPass.Run(setup, rules, new BaselineSet(setup), Planner, Options.PerturbationsPerEval, Options.Epsilon, Options.MultiplyByInputs, counter, cancellationToken);
        return Task.FromResult(setup.ToExplanation(this, attributions, counter, convergenceDelta: deltas));
    }
}
