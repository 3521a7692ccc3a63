namespace Interp.Trees.Native;

/// <summary>What <see cref="LightGbmBooster.Predict"/> returns (LightGBM's <c>C_API_PREDICT_*</c>).</summary>
public enum LightGbmPredictType
{
    /// <summary>Predictions with the objective's transform (probabilities for classification).</summary>
    Normal = 0,

    /// <summary>Raw scores (margins), one per class.</summary>
    RawScore = 1,

    /// <summary>The leaf index reached in every tree.</summary>
    LeafIndex = 2,

    /// <summary>SHAP contributions: per class, one value per feature and the expected value last.</summary>
    Contributions = 3,
}
