using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.PermutationShap;

/// <summary>Options of <see cref="PermutationShap"/> (section <c>Interp:Explainers:PermutationShap</c>).</summary>
public sealed class PermutationShapOptions : Shapley.SampledShapleyOptions
{
    /// <summary>
    /// Budget of coalition evaluations per example (shap: <c>max_evals</c>, default 500). Each random permutation is
    /// walked forward and reversed, which costs 2·G + 1 evaluations, so max(1, MaxEvals / (2·G + 1)) permutations are
    /// drawn.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxEvals { get; set; } = 500;
}
