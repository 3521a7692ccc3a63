using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Attribution.LayerGradCam;
using Interp.Explainers.Attribution.Layers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.GuidedGradCam;

/// <summary>
/// Guided Grad-CAM (Captum <c>GuidedGradCam</c>): guided backpropagation × ReLU(Grad-CAM), the map upsampled to the
/// input's spatial size by nearest-neighbour interpolation and broadcast over channels.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | ILayerDifferentiable, IBackwardRules | imported ONNX | yes | yes | two forward+backward per example |
/// </remarks>
[Explainer("GuidedGradCam", ExplainerLevel.Local, typeof(LayerOptions), RequiredCapabilities = [typeof(ILayerDifferentiable), typeof(IBackwardRules)],
    Description = "Guided backpropagation times the (upsampled) Grad-CAM map.")]
public sealed class GuidedGradCam : Common.AttributionExplainer<LayerOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public GuidedGradCam(LayerOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = request.Model as IBackwardRules ?? throw new MissingCapabilityException(Name, typeof(IBackwardRules), request.Model);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var (activations, gradients, shape) = new LayerPass(setup, Options.Layer, Name, Planner, Options.PerturbationsPerEval, counter).AtInputs(cancellationToken);
        var map = GradCamMap.Compute(activations, gradients, setup.Examples, shape, relu: true, out var mapShape);
        var guided = GradientAtInput.Run(setup, new GradientBatches(setup, Planner, Options.PerturbationsPerEval, counter, (i, t, ct) => rules.Gradients(i, t, NonlinearityRule.GuidedBackprop, ct)), cancellationToken);
        var input = setup.ExampleShape;
        if (input.Length != 3 || mapShape.Length != 3)
        {
            throw new InterpException($"GuidedGradCam needs image-shaped inputs [C,H,W] and a convolutional layer [C',h,w]; got input [{string.Join(",", input)}], layer [{string.Join(",", shape)}].");
        }

        int channels = input[0], height = input[1], width = input[2], h = mapShape[1], w = mapShape[2];
        for (int e = 0; e < setup.Examples; e++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    int sy = (int)Math.Floor(y * (double)h / height);
                    for (int x = 0; x < width; x++)
                    {
                        int sx = (int)Math.Floor(x * (double)w / width);
                        guided[(e * setup.ExampleLength) + (((c * height) + y) * width) + x] *= map[(e * h * w) + (sy * w) + sx];
                    }
                }
            }
        }

        return Task.FromResult(setup.ToExplanation(this, guided, counter));
    }
}
