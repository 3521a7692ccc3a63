using Interp.Explainers.Attribution.Layers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.LayerGradCam;

/// <summary>
/// Grad-CAM (Selvaraju et al. 2017; Captum <c>LayerGradCam</c>): the layer's channels weighted by the spatial mean
/// of the target's gradient, summed: [N, 1, ...spatial]. Upsample it to the input with the heatmap renderer.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | ILayerDifferentiable | TorchSharp hooked models, imported ONNX | yes | yes | one forward+backward per example |
/// </remarks>
[Explainer("LayerGradCam", ExplainerLevel.Local, typeof(LayerGradCamOptions), RequiredCapabilities = [typeof(ILayerDifferentiable)],
    Description = "Grad-CAM: a conv layer's channels weighted by their mean gradient.")]
public sealed class LayerGradCam : Common.AttributionExplainer<LayerGradCamOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public LayerGradCam(LayerGradCamOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval, allowIntegerInput: true);
        var (activations, gradients, shape) = new LayerPass(setup, Options.Layer, Name, Planner, Options.PerturbationsPerEval, counter).AtInputs(cancellationToken);
        var map = GradCamMap.Compute(activations, gradients, setup.Examples, shape, Options.ReluAttributions, out var mapShape);
        return Task.FromResult(setup.ToExplanation(this, map, counter, shape: [setup.Examples, .. mapShape]));
    }
}
