using Interp.Explainers.Attribution.Common;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.FeatureAblation;

/// <summary>
/// Feature ablation (Captum <c>FeatureAblation</c>): each feature (a scalar, or a group of the chosen mask) is
/// replaced by the baseline and its attribution is f(x)[target] − f(x with the feature ablated)[target], given to
/// every scalar of the group. Perturbed inputs are evaluated in batches.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes | 1 + features model rows per example |
/// </remarks>
[Explainer("FeatureAblation", ExplainerLevel.Local, typeof(FeatureAblationOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Replace each feature (or mask group) by the baseline; attribution = drop in the target output.")]
public sealed class FeatureAblation : Common.AttributionExplainer<FeatureAblationOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public FeatureAblation(FeatureAblationOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval, allowIntegerInput: true);

        // One job per (example, group): the positions of the group in that example.
        var jobs = new List<(int Example, int[] Positions)>();
        for (int n = 0; n < setup.Examples; n++)
        {
            var mask = setup.Mask(Options.Mask, n);
            foreach (var group in Enumerable.Range(0, mask.Length).GroupBy(i => mask[i]).OrderBy(g => g.Key))
            {
                jobs.Add((n, group.ToArray()));
            }
        }

        var rows = PerturbationEvaluator.PlanRows(setup, Planner, Options.PerturbationsPerEval);
        var attributions = AblationAccumulator.Run(setup, jobs, rows, counter, cancellationToken);
        return Task.FromResult(setup.ToExplanation(this, attributions, counter));
    }
}
