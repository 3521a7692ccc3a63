namespace Interp.Explainers;

/// <summary>
/// Base of every explainer's options: a property POCO with defaults in one place, bound from
/// <c>Interp:Explainers:&lt;Name&gt;</c> (unknown keys are errors) and validated at start with DataAnnotations
/// plus <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> for cross-field rules.
/// </summary>
public abstract class ExplainerOptions
{
}
