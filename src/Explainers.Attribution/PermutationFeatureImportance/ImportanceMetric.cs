namespace Interp.Explainers.Attribution.PermutationFeatureImportance;

/// <summary>The metric permutation feature importance measures the loss of.</summary>
public enum ImportanceMetric
{
    /// <summary>R² for a model with one output and non-binary labels, AUC for one output and 0/1 labels, accuracy for several outputs.</summary>
    Auto = 0,

    /// <summary>Regression: coefficient of determination (importance = decrease).</summary>
    RSquared = 1,

    /// <summary>Regression: root mean squared error (importance = increase).</summary>
    Rmse = 2,

    /// <summary>Binary: area under the ROC curve of the single output (importance = decrease).</summary>
    Auc = 3,

    /// <summary>Binary (output above <c>Threshold</c>) or multiclass (arg max): accuracy (importance = decrease).</summary>
    Accuracy = 4,

    /// <summary>Binary (the output is P(1)) or multiclass (per-class probabilities; softmax when they are not): log-loss (importance = increase).</summary>
    LogLoss = 5,
}
