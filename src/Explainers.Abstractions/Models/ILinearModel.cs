namespace Interp.Explainers.Models;

/// <summary>
/// Capability: a linear model over its feature vector. Output o's raw score (margin) is
/// Σᵢ <see cref="Weights"/>[o][i]·xᵢ + <see cref="Bias"/>[o]; <see cref="Link"/> turns raw scores into predictions.
/// </summary>
public interface ILinearModel : IModel
{
    /// <summary>The weights, one array of feature weights per output.</summary>
    IReadOnlyList<double[]> Weights { get; }

    /// <summary>The bias (intercept) per output.</summary>
    IReadOnlyList<double> Bias { get; }

    /// <summary>How raw scores become the model's predictions (identity for regression and raw binary scores).</summary>
    OutputLink Link { get; }
}
