using Interp.Explainers.Attribution.Layers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.LayerGradientXActivation;

/// <summary>Layer gradient × activation (Captum <c>LayerGradientXActivation</c>): a·∂f/∂a at the layer.</summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | ILayerDifferentiable | TorchSharp hooked models, imported ONNX | yes | yes | one forward+backward per example |
/// </remarks>
[Explainer("LayerGradientXActivation", ExplainerLevel.Local, typeof(LayerOptions), RequiredCapabilities = [typeof(ILayerDifferentiable)],
    Description = "Activation times the target's gradient at a hook point.")]
public sealed class LayerGradientXActivation : Common.AttributionExplainer<LayerOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public LayerGradientXActivation(LayerOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval, allowIntegerInput: true);
        var (activations, gradients, shape) = new LayerPass(setup, Options.Layer, Name, Planner, Options.PerturbationsPerEval, counter).AtInputs(cancellationToken);
        for (int i = 0; i < activations.Length; i++) activations[i] *= gradients[i];
        return Task.FromResult(setup.ToExplanation(this, activations, counter, shape: [setup.Examples, .. shape]));
    }
}
