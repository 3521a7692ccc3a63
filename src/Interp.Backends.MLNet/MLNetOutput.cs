namespace Interp.Backends.MLNet;

/// <summary>Which ML.NET output column an <see cref="MLNetModel"/> predicts.</summary>
public enum MLNetOutput
{
    /// <summary>The <c>Score</c> column: the raw score (binary, regression) or the per-class scores (multiclass).</summary>
    Score = 0,

    /// <summary>The <c>Probability</c> column of a calibrated binary classifier.</summary>
    Probability = 1,
}
