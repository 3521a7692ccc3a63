using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers;

/// <summary>Options shared by explainers that evaluate perturbed copies of the input in batches.</summary>
public abstract class PerturbationOptions : ExplainerOptions
{
    /// <summary>
    /// Perturbed inputs per model call (Captum: <c>perturbations_per_eval</c>). 0 (default) = as many as fit in
    /// <c>Interp:MaxBatchBytes</c>.
    /// </summary>
    [Range(0, 1_000_000)]
    public int PerturbationsPerEval { get; set; }

    /// <summary>Accept NaN or infinite inputs (rejected by default).</summary>
    public bool AllowNonFinite { get; set; }
}
