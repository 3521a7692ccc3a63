using Interp.Explainers.Attribution.Common;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.FeaturePermutation;

/// <summary>
/// Feature permutation (Captum <c>FeaturePermutation</c>): for each feature (a scalar or a mask group) a random
/// permutation π of the batch's examples is drawn, example n's feature takes example π(n)'s values, and the
/// attribution of every scalar of the feature is f(x)[target] − f(x with the feature permuted)[target]. It needs a
/// batch of at least two examples; it uses no baseline.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes, for a given seed | 1 + features model rows per example |
/// </remarks>
[Explainer("FeaturePermutation", ExplainerLevel.Local, typeof(FeaturePermutationOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Shuffle each feature across the batch; attribution = drop in the target output.")]
public sealed class FeaturePermutation : Common.AttributionExplainer<FeaturePermutationOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public FeaturePermutation(FeaturePermutationOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval, allowIntegerInput: true);
        if (setup.Examples < 2)
        {
            throw new InterpException($"FeaturePermutation permutes features across the examples of the batch, so it needs at least 2 examples; got {setup.Examples}.");
        }

        int seed = Options.Seed ?? request.Seed ?? 0;
        var random = new Random(seed);
        var masks = Enumerable.Range(0, setup.Examples).Select(n => setup.Mask(Options.Mask, n)).ToArray();
        var ids = masks.SelectMany(m => m).Distinct().Order().ToArray();

        // One job per (feature, example): the feature's positions in that example, taken from example π(n).
        var jobs = new List<(int Example, int Source, int[] Positions)>();
        foreach (var id in ids)
        {
            var permutation = Shapley.ExampleStreams.Permutation(random, setup.Examples);
            for (int n = 0; n < setup.Examples; n++)
            {
                var positions = Enumerable.Range(0, setup.ExampleLength).Where(i => masks[n][i] == id).ToArray();
                if (positions.Length > 0) jobs.Add((n, permutation[n], positions));
            }
        }

        var evaluator = new PerturbationEvaluator(setup, PerturbationEvaluator.PlanRows(setup, Planner, Options.PerturbationsPerEval), counter);
        var outputs = evaluator.Evaluate(
            jobs.Count,
            k => jobs[k].Example,
            (k, row) =>
            {
                var source = setup.Input.Row(jobs[k].Source);
                foreach (var p in jobs[k].Positions) row[p] = source[p];
            },
            cancellationToken);
        var accumulator = new AblationAccumulator(setup.Examples, setup.ExampleLength);
        for (int k = 0; k < jobs.Count; k++) accumulator.Add(jobs[k].Example, jobs[k].Positions, setup.TargetAtInput[jobs[k].Example] - outputs[k]);
        return Task.FromResult(setup.ToExplanation(this, accumulator.Result(), counter, seed));
    }
}
