namespace Interp.Explainers.Models;

/// <summary>
/// A tree ensemble: raw score of output k = bias[k] + Σ weight·leaf value over the trees of output k; predictions are
/// <see cref="Link"/> applied to the raw scores.
/// </summary>
/// <param name="Trees">All trees (for multiclass models, LightGBM's order: iteration-major, one tree per class).</param>
/// <param name="Bias">One bias per output.</param>
/// <param name="OutputCount">Number of outputs (1 for regression/binary, classes for multiclass).</param>
/// <param name="FeatureCount">Number of input features.</param>
public sealed record TreeEnsemble(IReadOnlyList<DecisionTree> Trees, IReadOnlyList<double> Bias, int OutputCount, int FeatureCount)
{
    /// <summary>The features' names, if known (one per feature).</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>
    /// The source columns the features come from (e.g. one per raw column before one-hot encoding), if known; indexed by
    /// <see cref="FeatureSourceColumn"/> and <see cref="DecisionTree.CategoricalColumn"/>.
    /// </summary>
    public IReadOnlyList<string>? SourceColumns { get; init; }

    /// <summary>Per feature, the index of its source column in <see cref="SourceColumns"/>, if known.</summary>
    public IReadOnlyList<int>? FeatureSourceColumn { get; init; }

    /// <summary>The link from raw scores to predictions.</summary>
    public OutputLink Link { get; init; } = OutputLink.Identity;

    /// <summary>The training objective as its library names it (e.g. LightGBM's <c>binary sigmoid:1</c>), if known.</summary>
    public string? Objective { get; init; }

    /// <summary>Raw scores of one example: bias plus the weighted leaf values of every tree, per output.</summary>
    /// <param name="row">The example's <see cref="FeatureCount"/> features.</param>
    /// <param name="raw">Receives <see cref="OutputCount"/> raw scores.</param>
    public void PredictRaw(ReadOnlySpan<double> row, Span<double> raw)
    {
        if (row.Length < FeatureCount) throw new ArgumentException($"The row has {row.Length} features; the ensemble reads {FeatureCount}.", nameof(row));
        for (int k = 0; k < OutputCount; k++) raw[k] = Bias[k];
        foreach (var tree in Trees) raw[tree.OutputIndex] += tree.Weight * tree.Predict(row);
    }

    /// <summary>Predictions of one example: <see cref="Link"/> applied to <see cref="PredictRaw"/>.</summary>
    /// <param name="row">The example's features.</param>
    /// <param name="output">Receives <see cref="OutputCount"/> predictions.</param>
    public void Predict(ReadOnlySpan<double> row, Span<double> output)
    {
        Span<double> raw = OutputCount <= 64 ? stackalloc double[OutputCount] : new double[OutputCount];
        PredictRaw(row, raw);
        Link.Apply(raw, output);
    }
}
