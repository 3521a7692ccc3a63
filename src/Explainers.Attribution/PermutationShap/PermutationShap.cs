using Interp.Explainers.Attribution.Shapley;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;

namespace Interp.Explainers.Attribution.PermutationShap;

/// <summary>
/// Permutation SHAP (shap <c>PermutationExplainer</c>): antithetic sampling of orderings. Each random permutation of
/// the players is walked forward and then reversed; every player is credited its marginal contribution on both
/// walks, and the average over all walks is the estimate. Efficiency holds exactly; the antithetic pairs cancel much
/// of the variance, and for two-player interactions a single pair is already exact.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes, for a given seed | about MaxEvals·B model rows per example |
/// </remarks>
[Explainer("PermutationShap", ExplainerLevel.Local, typeof(PermutationShapOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Estimate Shapley values from random permutations, each walked forward and reversed (exactly efficient).")]
public sealed class PermutationShap : Common.AttributionExplainer<PermutationShapOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public PermutationShap(PermutationShapOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default) => Task.FromResult(PermutationWalk.Explain(
        this,
        request,
        Options,
        Planner,
        (random, players) =>
        {
            int permutations = Math.Max(1, Options.MaxEvals / (2 * players + 1));
            var walks = new List<int[]>(2 * permutations);
            for (int k = 0; k < permutations; k++)
            {
                var forward = ExampleStreams.Permutation(random, players);
                walks.Add(forward);
                walks.Add(forward.Reverse().ToArray());
            }

            return walks;
        },
        cancellationToken));
}
