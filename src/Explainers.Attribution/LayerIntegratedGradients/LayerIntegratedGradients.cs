using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Attribution.Layers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.LayerIntegratedGradients;

/// <summary>
/// Layer Integrated Gradients (Captum <c>LayerIntegratedGradients</c>): IG in the layer's space — the layer's
/// activation is replaced by a(x₀) + α(a(x) − a(x₀)) and the target's gradient taken with respect to it. Works on
/// embedding layers of token models (the inputs are ids; the path runs through the embeddings).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | ILayerDifferentiable | TorchSharp hooked models, imported ONNX | yes | yes | Steps forward+backward rows per example |
/// </remarks>
[Explainer("LayerIntegratedGradients", ExplainerLevel.Local, typeof(LayerPathOptions), RequiredCapabilities = [typeof(ILayerDifferentiable)],
    Description = "Integrated Gradients in a layer's activation space (e.g. token embeddings).")]
public sealed class LayerIntegratedGradients : Common.AttributionExplainer<LayerPathOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public LayerIntegratedGradients(LayerPathOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval, allowIntegerInput: true);
        var pass = new LayerPass(setup, Options.Layer, Name, Planner, Options.PerturbationsPerEval, counter);
        var (inputActs, _, shape) = pass.AtInputs(cancellationToken);
        var (baselineActs, _, _) = pass.AtInputs(cancellationToken, atBaselines: true);
        int width = inputActs.Length / setup.Examples, steps = Options.Steps;
        var (alphas, weights) = Quadrature.Get(Options.ParsedRule, steps);
        var sums = new double[inputActs.Length];
        pass.Run(
            setup.Examples * steps,
            k => k / steps,
            static (_, _) => { },
            k =>
            {
                int e = k / steps;
                double alpha = alphas[k % steps];
                var row = new float[width];
                for (int i = 0; i < width; i++) row[i] = (float)(baselineActs[(e * width) + i] + (alpha * (inputActs[(e * width) + i] - baselineActs[(e * width) + i])));
                return row;
            },
            shape,
            (k, _, gradient, _) =>
            {
                int e = k / steps;
                double w = weights[k % steps];
                for (int i = 0; i < width; i++) sums[(e * width) + i] += w * gradient[i];
            },
            cancellationToken);

        var atBaselines = new PerturbationEvaluator(setup, PerturbationEvaluator.PlanRows(setup, Planner, Options.PerturbationsPerEval), counter)
            .Evaluate(setup.Examples, k => k, (k, row) => setup.Baseline(k).CopyTo(row), cancellationToken);
        var attributions = new float[sums.Length];
        var delta = new double[setup.Examples];
        for (int i = 0; i < sums.Length; i++)
        {
            double a = sums[i] * (Options.MultiplyByInputs ? inputActs[i] - baselineActs[i] : 1.0);
            attributions[i] = (float)a;
            delta[i / width] += a;
        }

        for (int e = 0; e < delta.Length; e++) delta[e] -= setup.TargetAtInput[e] - atBaselines[e];
        var explanation = setup.ToExplanation(this, attributions, counter, convergenceDelta: delta, shape: [setup.Examples, .. shape]);
        return Task.FromResult(explanation);
    }
}
