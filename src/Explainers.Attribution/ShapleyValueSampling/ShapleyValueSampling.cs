using Interp.Explainers.Attribution.Shapley;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;

namespace Interp.Explainers.Attribution.ShapleyValueSampling;

/// <summary>
/// Shapley value sampling (Captum <c>ShapleyValueSampling</c>): per example, <see cref="ShapleyValueSamplingOptions.Samples"/>
/// uniformly random permutations of the players; along each, the players are added one by one to the background and
/// each is credited the change of the target output. The average is an unbiased estimate of the Shapley values and
/// sums exactly to f(x) − v(∅).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes, for a given seed | (1 + Samples·(G − 1))·B model rows per example |
/// </remarks>
[Explainer("ShapleyValueSampling", ExplainerLevel.Local, typeof(ShapleyValueSamplingOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Estimate Shapley values from random permutations of the players (exactly efficient).")]
public sealed class ShapleyValueSampling : Common.AttributionExplainer<ShapleyValueSamplingOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public ShapleyValueSampling(ShapleyValueSamplingOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default) => Task.FromResult(PermutationWalk.Explain(
        this,
        request,
        Options,
        Planner,
        (random, players) => Enumerable.Range(0, Options.Samples).Select(_ => ExampleStreams.Permutation(random, players)).ToArray(),
        cancellationToken));
}
