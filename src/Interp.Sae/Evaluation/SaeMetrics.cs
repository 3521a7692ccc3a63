namespace Interp.Sae.Evaluation;

/// <summary>Reconstruction and sparsity metrics of an SAE on a set of activations (SAELens' names in each doc).</summary>
/// <param name="L0">Mean number of active features per token (<c>l0</c>).</param>
/// <param name="Mse">Mean squared reconstruction error per element (<c>mse</c>).</param>
/// <param name="ExplainedVariance">1 − Σ‖x − x̂‖² / Σ‖x − x̄‖² over the set (<c>explained_variance</c>).</param>
/// <param name="DeadFeatures">Features that never fired on the set (<c>dead_features</c>).</param>
/// <param name="DenseFeatures">Features firing on more than the dense threshold's fraction of tokens (<c>dense_features</c>).</param>
/// <param name="FeatureDensity">Per-feature firing fraction (<c>feature_density</c>).</param>
/// <param name="DensityHistogram">Histogram of log10 feature density.</param>
/// <param name="Tokens">Activations evaluated.</param>
public sealed record SaeMetrics(double L0, double Mse, double ExplainedVariance, int DeadFeatures, int DenseFeatures, IReadOnlyList<double> FeatureDensity, FeatureDensityHistogram DensityHistogram, long Tokens)
{
    /// <summary>The scalar metrics by SAELens name.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["l0"] = L0, ["mse"] = Mse, ["explained_variance"] = ExplainedVariance,
        ["dead_features"] = DeadFeatures, ["dense_features"] = DenseFeatures,
    };
}
