using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>The entry point of the ML.NET surface: <c>mlContext.Explain()</c>.</summary>
public static class MLContextExplainExtensions
{
    /// <summary>
    /// The explainer catalog of <paramref name="mlContext"/>: <c>TreeShap</c>, <c>KernelShap</c>, <c>LinearShap</c>,
    /// <c>IntegratedGradients</c> (estimators whose transformers append explanation columns to scored data) and
    /// <c>PermutationFeatureImportance</c>, <c>MeanAbsoluteShap</c> (global numbers).
    /// </summary>
    /// <param name="mlContext">The context the explained model runs in.</param>
    public static ExplainCatalog Explain(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new ExplainCatalog(mlContext);
    }
}
