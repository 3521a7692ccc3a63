using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary><c>mlContext.Explain().LinearShap(...)</c>: exact SHAP values of ML.NET linear models as columns.</summary>
public static class LinearShapCatalogExtensions
{
    /// <summary>
    /// Exact SHAP values of the linear model that ends <paramref name="model"/> (independent features): φᵢ = wᵢ·(xᵢ − E[xᵢ])
    /// in the margin (Score) space, E over the rows the estimator is fitted on. Appends <c>Shap</c> and <c>ShapBase</c>;
    /// per row Σ Shap + ShapBase = Score.
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in a linear trainer (SDCA, L-BFGS, OLS, online gradient descent; binary or regression).</param>
    /// <param name="outputColumnName">The SHAP values column.</param>
    /// <param name="groupBySourceColumn">Sum the values of each source column's slots into one slot.</param>
    /// <exception cref="InterpException">No prediction step, or not a linear model.</exception>
    public static ExplanationEstimator LinearShap(this ExplainCatalog catalog, ITransformer model, string outputColumnName = "Shap", bool groupBySourceColumn = false) =>
        LinearShap(catalog, model, new LinearShapEstimatorOptions { OutputColumnName = outputColumnName, GroupBySourceColumn = groupBySourceColumn });

    /// <summary>LinearShap with all options (background, window size).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in a linear trainer.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="InterpException">Invalid options, no prediction step, or not a linear model.</exception>
    public static ExplanationEstimator LinearShap(this ExplainCatalog catalog, ITransformer model, LinearShapEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.Check("LinearShap", options, options.Explainer);
        return new ExplanationEstimator(new LinearShapSetup(catalog.Context, model, options));
    }
}
