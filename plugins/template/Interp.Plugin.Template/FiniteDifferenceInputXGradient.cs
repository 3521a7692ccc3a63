using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Plugins;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

[assembly: InterpPlugin(typeof(Interp.Plugin.Template.TemplatePlugin))]

namespace Interp.Plugin.Template;

/// <summary>Registers the plugin's explainers.</summary>
public sealed class TemplatePlugin : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Interp.Plugin.Template";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar) => registrar.AddExplainer<FiniteDifferenceInputXGradient>();
}

/// <summary>Input × gradient with the gradient from central differences: works on any predictor, no autograd.</summary>
[Explainer("FiniteDifferenceInputXGradient", ExplainerLevel.Local, typeof(FiniteDifferenceOptions), RequiredCapabilities = [typeof(IPredictor)],
    Description = "(x − baseline) · (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h per scalar.")]
public sealed class FiniteDifferenceInputXGradient(FiniteDifferenceOptions options, IBatchPlanner? planner = null)
    : ExplainerBase<AttributionRequest, AttributionExplanation, FiniteDifferenceOptions>(options)
{
    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        int len = setup.ExampleLength;
        var rows = PerturbationEvaluator.PlanRows(setup, planner ?? new BatchPlanner(), Options.PerturbationsPerEval);
        var f = new PerturbationEvaluator(setup, rows, counter).Evaluate(setup.Examples * len * 2, k => k / (2 * len),
            (k, row) => row[k / 2 % len] += k % 2 == 0 ? (float)Options.Step : -(float)Options.Step, cancellationToken);
        var attributions = new float[setup.Input.Length];
        for (int i = 0; i < attributions.Length; i++)
        {
            float gradient = (float)((f[2 * i] - f[(2 * i) + 1]) / (2 * Options.Step));
            attributions[i] = (setup.Input.Data[i] - setup.Baseline(i / len)[i % len]) * gradient;
        }

        return Task.FromResult(setup.ToExplanation(this, attributions, counter));
    }
}
