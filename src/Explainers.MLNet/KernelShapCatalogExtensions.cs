using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary><c>mlContext.Explain().KernelShap(...)</c>: model-agnostic SHAP values of any ML.NET model as columns.</summary>
public static class KernelShapCatalogExtensions
{
    /// <summary>
    /// Kernel SHAP (shap's formulation) for the model that ends <paramref name="model"/>: absent features take the
    /// values of the <paramref name="background"/> rows. Appends <c>Shap</c> and <c>ShapBase</c> (the mean output over the
    /// background); per row Σ Shap + ShapBase = the output (Score), exactly. Exact Shapley values when every coalition
    /// fits the sample budget (up to 11 players by default).
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in any trainer.</param>
    /// <param name="background">Background rows: the chain's input columns, or its feature column.</param>
    /// <param name="outputColumnName">The SHAP values column.</param>
    /// <param name="groupBySourceColumn">Make each source column (e.g. all one-hot slots of <c>workclass</c>) one player.</param>
    /// <exception cref="InterpException">No prediction step, or an empty background or one of the wrong width (at Fit).</exception>
    public static ExplanationEstimator KernelShap(this ExplainCatalog catalog, ITransformer model, IDataView background, string outputColumnName = "Shap", bool groupBySourceColumn = false) =>
        KernelShap(catalog, model, background, new KernelShapEstimatorOptions { OutputColumnName = outputColumnName, GroupBySourceColumn = groupBySourceColumn });

    /// <summary>Kernel SHAP with all options (formulation, samples, seed, output, target class, window size, threads).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="model">A fitted chain ending in any trainer.</param>
    /// <param name="background">Background rows: the chain's input columns, or its feature column.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="InterpException">Invalid options or no prediction step.</exception>
    public static ExplanationEstimator KernelShap(this ExplainCatalog catalog, ITransformer model, IDataView background, KernelShapEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.Check("KernelShap", options, options.Explainer);
        return new ExplanationEstimator(new KernelShapSetup(catalog.Context, model, background, options));
    }
}
