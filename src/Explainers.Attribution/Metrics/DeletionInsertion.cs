using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// Deletion and insertion curves (Petsiuk et al. 2018, RISE): the units of the input (scalars, pixels, patches or mask
/// groups) are ranked by attribution, most important first. Deletion replaces them by the baseline progressively and
/// records f(x)[target]; insertion starts from the baseline and restores them. The area under each curve (trapezoid
/// rule over the fraction of units in [0, 1]) summarizes it: a good attribution gives a low deletion AUC and a high
/// insertion AUC, compared with a random order. Every curve point of every example is evaluated in large batches.
/// </summary>
public sealed class DeletionInsertion
{
    private const int DefaultMaxSteps = 100;
    private readonly IBatchPlanner _planner;

    /// <summary>Creates the metric.</summary>
    /// <param name="options">Options (default: scalars, one step per unit up to 100, raw output, random order too).</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public DeletionInsertion(DeletionInsertionOptions? options = null, IBatchPlanner? planner = null)
    {
        Options = options ?? new DeletionInsertionOptions();
        _planner = planner ?? new BatchPlanner();
    }

    /// <summary>The options.</summary>
    public DeletionInsertionOptions Options { get; }

    /// <summary>Computes the curves of <paramref name="attributions"/> for every example of <paramref name="request"/>.</summary>
    /// <param name="request">The explained request; its baselines are what removed units become.</param>
    /// <param name="attributions">Attributions of the attributed input's shape.</param>
    /// <param name="cancellationToken">Checked before every model call.</param>
    public DeletionInsertionResult Compute(AttributionRequest request, NdArray<float> attributions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Options.ApplySoftmax && request.Model is IPredictor predictor) request = RequestRows.WithModel(request, new SoftmaxPredictor(predictor));
        var metric = MetricSetup.Create("deletion/insertion", request, attributions, _planner, Options.PerturbationsPerEval, cancellationToken);
        var setup = metric.Setup;
        int seed = Options.Seed ?? request.Seed ?? 0;

        // Per example: the attribution order, then (optionally) a random order.
        var orders = new List<UnitOrder[]>();
        for (int n = 0; n < setup.Examples; n++)
        {
            var unitOf = UnitOrder.UnitOf(setup, Options, n);
            var ranked = UnitOrder.ByAttribution(unitOf, attributions.Row(n), Options.ByAbsoluteValue);
            orders.Add(Options.RandomOrder ? [ranked, UnitOrder.Random(unitOf, SeededDraws.For(seed, n, 0))] : [ranked]);
        }

        int steps = Options.Steps > 0 ? Options.Steps : Math.Min(DefaultMaxSteps, orders.Max(o => o[0].Units));
        var jobs = CurveJobs.Plan(orders, steps);
        var outputs = metric.Evaluator.Evaluate(jobs.Count, j => jobs[j].Example, (j, row) =>
        {
            var job = jobs[j];
            var baseline = setup.Baseline(job.Example);
            foreach (var i in job.Order.Scalars.AsSpan(job.From, job.To - job.From)) row[i] = baseline[i];
        }, cancellationToken);

        var curves = CurveJobs.Assemble(jobs, outputs, orders, steps, setup.TargetAtInput);
        return new DeletionInsertionResult
        {
            Deletion = curves[0].Deletion,
            Insertion = curves[0].Insertion,
            RandomDeletion = Options.RandomOrder ? curves[1].Deletion : [],
            RandomInsertion = Options.RandomOrder ? curves[1].Insertion : [],
            ModelCalls = metric.Evaluator.Counter.ToStats(),
        };
    }
}
