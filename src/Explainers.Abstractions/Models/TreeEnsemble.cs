namespace Interp.Explainers.Models;

/// <summary>A tree ensemble: raw score of output k = bias[k] + Σ weight·leaf value over the trees of output k.</summary>
/// <param name="Trees">All trees.</param>
/// <param name="Bias">One bias per output.</param>
/// <param name="OutputCount">Number of outputs (1 for regression/binary, classes for multiclass).</param>
/// <param name="FeatureCount">Number of input features.</param>
public sealed record TreeEnsemble(IReadOnlyList<DecisionTree> Trees, IReadOnlyList<double> Bias, int OutputCount, int FeatureCount);
