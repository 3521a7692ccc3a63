using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.InputXGradient;

/// <summary>Input × gradient (Shrikumar et al. 2016; Captum <c>InputXGradient</c>): x·∇f(x).</summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IDifferentiable | TorchSharp, imported ONNX, TorchScript | yes | yes | one forward+backward row per example |
/// </remarks>
[Explainer("InputXGradient", ExplainerLevel.Local, typeof(GradientOptions), RequiredCapabilities = [typeof(IDifferentiable)],
    Description = "Input times the gradient of the target.")]
public sealed class InputXGradient : Common.AttributionExplainer<GradientOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public InputXGradient(GradientOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        var gradients = GradientAtInput.Run(setup, new GradientBatches(setup, Planner, Options.PerturbationsPerEval, counter), cancellationToken);
        for (int i = 0; i < gradients.Length; i++) gradients[i] *= setup.Input.Data[i];
        return Task.FromResult(setup.ToExplanation(this, gradients, counter));
    }
}
