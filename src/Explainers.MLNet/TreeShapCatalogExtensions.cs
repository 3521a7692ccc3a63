using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary><c>mlContext.Explain().TreeShap(...)</c>: exact SHAP values of FastTree, FastForest and LightGBM models as columns.</summary>
public static class TreeShapCatalogExtensions
{
    /// <summary>
    /// TreeSHAP for the tree ensemble that ends <paramref name="model"/> (path-dependent, raw score). Fit the estimator
    /// on the chain's training rows (they give the node covers ML.NET does not keep), then apply the transformer to the
    /// chain's output: it appends <c>Shap</c> (one slot per player: each feature slot, except one-hot columns tested by
    /// categorical splits, which are one player) and <c>ShapBase</c>; per row Σ Shap + ShapBase = the raw score.
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in a FastTree, FastForest or LightGBM trainer (binary, regression, multiclass).</param>
    /// <param name="outputColumnName">The SHAP values column.</param>
    /// <param name="groupBySourceColumn">Sum the values of each source column's slots into one slot.</param>
    /// <exception cref="InterpException">The chain has no prediction step, or it is not a tree ensemble.</exception>
    public static ExplanationEstimator TreeShap(this ExplainCatalog catalog, ITransformer model, string outputColumnName = "Shap", bool groupBySourceColumn = false) =>
        TreeShap(catalog, model, new TreeShapEstimatorOptions { OutputColumnName = outputColumnName, GroupBySourceColumn = groupBySourceColumn });

    /// <summary>TreeSHAP with all options (interventional with a background, probability space, window size, threads).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in a FastTree, FastForest or LightGBM trainer.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="InterpException">Invalid options, no prediction step, or not a tree ensemble.</exception>
    public static ExplanationEstimator TreeShap(this ExplainCatalog catalog, ITransformer model, TreeShapEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.Check("TreeShap", options, options.Explainer);
        return new ExplanationEstimator(new TreeShapSetup(catalog.Context, model, options));
    }
}
