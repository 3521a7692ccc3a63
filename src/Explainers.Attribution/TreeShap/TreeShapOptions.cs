using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>Options of <see cref="TreeShap"/> (section <c>Interp:Explainers:TreeShap</c>).</summary>
public sealed class TreeShapOptions : ExplainerOptions, IValidatableObject
{
    /// <summary>
    /// How absent features are modelled (shap: <c>feature_perturbation</c>): <c>tree_path_dependent</c> (node covers),
    /// <c>interventional</c> (a background set), or <c>auto</c> (default: interventional when the request has a
    /// background, else path-dependent).
    /// </summary>
    public string FeaturePerturbation { get; set; } = "auto";

    /// <summary><c>raw</c> (default: margin space, per output) or <c>probability</c> (binary models, interventional only).</summary>
    public string ModelOutput { get; set; } = "raw";

    /// <summary>Also compute SHAP interaction values (path-dependent only).</summary>
    public bool Interactions { get; set; }

    /// <summary>Add the global summaries (mean |SHAP|, dependence data); default true.</summary>
    public bool Global { get; set; } = true;

    /// <summary>Threads to spread rows over; 0 (default) uses every core.</summary>
    [Range(0, 4096)]
    public int Threads { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FeaturePerturbation is not ("auto" or "tree_path_dependent" or "interventional"))
        {
            yield return new ValidationResult($"'{FeaturePerturbation}' is not a feature perturbation; use auto, tree_path_dependent or interventional.", [nameof(FeaturePerturbation)]);
        }

        if (ModelOutput is not ("raw" or "probability"))
        {
            yield return new ValidationResult($"'{ModelOutput}' is not a model output; use raw or probability.", [nameof(ModelOutput)]);
        }

        if (ModelOutput == "probability" && FeaturePerturbation == "tree_path_dependent")
        {
            yield return new ValidationResult("probability output needs interventional SHAP (path-dependent values cannot be exact after a sigmoid); set FeaturePerturbation=interventional and give a background set.", [nameof(ModelOutput)]);
        }

        if (Interactions && FeaturePerturbation == "interventional")
        {
            yield return new ValidationResult("interaction values are path-dependent only; set FeaturePerturbation=tree_path_dependent.", [nameof(Interactions)]);
        }
    }
}
