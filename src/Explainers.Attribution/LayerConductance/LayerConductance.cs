using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Attribution.Layers;
using Interp.Explainers.Attribution.LayerIntegratedGradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.LayerConductance;

/// <summary>
/// Layer conductance (Dhamdhere et al. 2018; Captum <c>LayerConductance</c>): the flow of the input-space path
/// integral through each unit of the layer, Σ_k ∂f/∂a(p_k)·(a(p_{k+1}) − a(p_k)) over Steps + 1 points p_k on the
/// path from the baseline to the input (at the rule's nodes, as Captum).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | ILayerDifferentiable | TorchSharp hooked models, imported ONNX | yes | yes | Steps + 1 forward+backward rows per example |
/// </remarks>
[Explainer("LayerConductance", ExplainerLevel.Local, typeof(LayerPathOptions), RequiredCapabilities = [typeof(ILayerDifferentiable)],
    Description = "How much of the input-space path integral flows through each unit of a layer.")]
public sealed class LayerConductance : Common.AttributionExplainer<LayerPathOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public LayerConductance(LayerPathOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var pass = new LayerPass(setup, Options.Layer, Name, Planner, Options.PerturbationsPerEval, counter);
        int points = Options.Steps + 1, len = setup.ExampleLength;
        var (alphas, _) = Quadrature.Get(Options.ParsedRule, points);
        float[]? previous = null, previousGradient = null;
        double[]? sums = null;
        int width = 0;
        pass.Run(
            setup.Examples * points,
            k => k / points,
            (k, row) =>
            {
                var baseline = setup.Baseline(k / points);
                double alpha = alphas[k % points];
                for (int i = 0; i < len; i++) row[i] = (float)(baseline[i] + (alpha * (row[i] - baseline[i])));
            },
            null,
            null,
            (k, activation, gradient, _) =>
            {
                if (sums is null)
                {
                    width = activation.Length;
                    sums = new double[setup.Examples * width];
                    previous = new float[width];
                    previousGradient = new float[width];
                }

                // Rows of one example arrive in order: the previous row's gradient times this row's activation step.
                int step = k % points, e = k / points;
                if (step > 0)
                {
                    for (int i = 0; i < width; i++) sums[(e * width) + i] += previousGradient![i] * (activation[i] - previous![i]);
                }

                activation.CopyTo(previous);
                gradient.CopyTo(previousGradient);
            },
            cancellationToken);

        var atBaselines = new PerturbationEvaluator(setup, PerturbationEvaluator.PlanRows(setup, Planner, Options.PerturbationsPerEval), counter)
            .Evaluate(setup.Examples, k => k, (k, row) => setup.Baseline(k).CopyTo(row), cancellationToken);
        var attributions = sums!.Select(v => (float)v).ToArray();
        var delta = new double[setup.Examples];
        for (int e = 0; e < delta.Length; e++)
        {
            delta[e] = sums!.Skip(e * width).Take(width).Sum() - (setup.TargetAtInput[e] - atBaselines[e]);
        }

        return Task.FromResult(setup.ToExplanation(this, attributions, counter, convergenceDelta: delta, shape: [setup.Examples, .. pass.LayerShape!]));
    }
}
