namespace Interp.Explainers.Attribution.KernelShap;

/// <summary>Which Kernel SHAP algorithm <see cref="KernelShap"/> runs.</summary>
public enum KernelShapFormulation
{
    /// <summary>
    /// shap's <c>KernelExplainer</c>: whole subset sizes enumerated in complementary pairs while the budget allows, then
    /// paired sampling; Shapley-kernel weights; efficiency imposed exactly; exact when every coalition fits the budget.
    /// </summary>
    Shap,

    /// <summary>
    /// Captum's <c>KernelShap</c>: the all-ones and all-zeros coalitions (weight 1e6) plus coalitions drawn from the
    /// Shapley-kernel distribution (weight 1), fitted by weighted least squares with an intercept.
    /// </summary>
    Captum,
}
