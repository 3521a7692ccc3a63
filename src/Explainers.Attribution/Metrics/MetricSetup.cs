using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>The validated request, f(x) and a batched evaluator shared by the model-evaluating metrics.</summary>
internal sealed class MetricSetup
{
    private MetricSetup(AttributionSetup setup, PerturbationEvaluator evaluator)
    {
        Setup = setup;
        Evaluator = evaluator;
    }

    public AttributionSetup Setup { get; }

    public PerturbationEvaluator Evaluator { get; }

    /// <summary>Validates the request (f(x) is evaluated once) and checks that the attributions have the input's shape.</summary>
    public static MetricSetup Create(string metric, AttributionRequest request, NdArray<float> attributions, IBatchPlanner planner, int perturbationsPerEval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attributions);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, allowNonFinite: false, counter, cancellationToken, rowsPerCall: perturbationsPerEval);
        if (!attributions.Shape.SequenceEqual(setup.Input.Shape))
        {
            throw new InterpException(
                $"{metric} needs attributions of the attributed input's shape {NdArray<float>.Format(setup.Input.Shape)}; got {NdArray<float>.Format(attributions.Shape)} (layer attributions cannot be scored on the input).");
        }

        var rows = PerturbationEvaluator.PlanRows(setup, planner, perturbationsPerEval);
        return new MetricSetup(setup, new PerturbationEvaluator(setup, rows, counter));
    }
}
