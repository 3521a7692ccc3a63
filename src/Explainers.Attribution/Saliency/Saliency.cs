using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Saliency;

/// <summary>
/// Saliency (Simonyan et al. 2013; Captum <c>Saliency</c>): the gradient of the target with respect to the input,
/// its absolute value by default.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IDifferentiable | TorchSharp, imported ONNX, TorchScript | yes | yes | one forward+backward row per example |
/// </remarks>
[Explainer("Saliency", ExplainerLevel.Local, typeof(SaliencyOptions), RequiredCapabilities = [typeof(IDifferentiable)],
    Description = "Gradient of the target with respect to the input (absolute value by default).")]
public sealed class Saliency : Common.AttributionExplainer<SaliencyOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public Saliency(SaliencyOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var gradients = GradientAtInput.Run(setup, new GradientBatches(setup, Planner, Options.PerturbationsPerEval, counter), cancellationToken);
        if (Options.Abs)
        {
            for (int i = 0; i < gradients.Length; i++) gradients[i] = Math.Abs(gradients[i]);
        }

        return Task.FromResult(setup.ToExplanation(this, gradients, counter));
    }
}
