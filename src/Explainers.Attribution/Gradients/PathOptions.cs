using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>Options of path methods (Integrated Gradients and its layer variants): steps, rule, multiplication by inputs.</summary>
public class PathOptions : Layers.LayerOptionsBase, IValidatableObject
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

    /// <summary>The parsed rule (valid after validation).</summary>
    public IntegrationRule ParsedRule => IntegrationRules.TryParse(Rule, out var r) ? r : IntegrationRule.GaussLegendre;

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
