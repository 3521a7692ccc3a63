namespace Interp.Trees;

/// <summary>What a <see cref="LightGbmModel"/> predicts.</summary>
public enum LightGbmOutput
{
    /// <summary>The objective's predictions (probabilities for classification): the link applied to the raw scores.</summary>
    Prediction = 0,

    /// <summary>Raw scores (margins), one per class: what TreeSHAP explains.</summary>
    RawScore = 1,
}
