using System.ComponentModel.DataAnnotations;
using Interp.Explainers.Attribution.Gradients;

namespace Interp.Explainers.Attribution.IntegratedGradients;

/// <summary>Options of <see cref="IntegratedGradients"/> (section <c>Interp:Explainers:IntegratedGradients</c>).</summary>
public sealed class IntegratedGradientsOptions : PerturbationOptions, IValidatableObject
{
    /// <summary>Points on the path (Captum: <c>n_steps</c>), default 50.</summary>
    [Range(1, 100_000)]
    public int Steps { get; set; } = 50;

    /// <summary>
    /// Quadrature rule (Captum: <c>method</c>): <c>gausslegendre</c> (default), <c>riemann_left</c>,
    /// <c>riemann_right</c>, <c>riemann_middle</c>, <c>riemann_trapezoid</c> (Captum's weights, summing to
    /// (n − 1)/n), <c>trapezoid</c> (textbook, summing to 1).
    /// </summary>
    public string Rule { get; set; } = "gausslegendre";

    /// <summary>Multiply the path integral of gradients by (input − baseline) (Captum: <c>multiply_by_inputs</c>), default true.</summary>
    public bool MultiplyByInputs { get; set; } = true;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IntegrationRules.TryParse(Rule, out var rule))
        {
            yield return new ValidationResult($"'{Rule}' is not a rule; use one of {string.Join(", ", IntegrationRules.Names)}.", [nameof(Rule)]);
        }
        else if (rule is IntegrationRule.RiemannTrapezoid or IntegrationRule.Trapezoid && Steps < 2)
        {
            yield return new ValidationResult("trapezoid rules need Steps >= 2.", [nameof(Steps), nameof(Rule)]);
        }
    }
}
