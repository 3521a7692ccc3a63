using Interp.Explainers.Attribution.Layers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.LayerActivation;

/// <summary>Layer activation (Captum <c>LayerActivation</c>): the activation at the layer, for every example.</summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | ILayerDifferentiable | TorchSharp hooked models, imported ONNX | yes | yes | one forward per example |
/// </remarks>
[Explainer("LayerActivation", ExplainerLevel.Local, typeof(LayerOptions), RequiredCapabilities = [typeof(ILayerDifferentiable)],
    Description = "The activation at a hook point.")]
public sealed class LayerActivation : Common.AttributionExplainer<LayerOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public LayerActivation(LayerOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval, allowIntegerInput: true);
        var (activations, _, shape) = new LayerPass(setup, Options.Layer, Name, Planner, Options.PerturbationsPerEval, counter).AtInputs(cancellationToken);
        return Task.FromResult(setup.ToExplanation(this, activations, counter, shape: [setup.Examples, .. shape]));
    }
}
