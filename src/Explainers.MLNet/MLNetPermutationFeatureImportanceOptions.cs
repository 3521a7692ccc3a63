using System.ComponentModel.DataAnnotations;
using Interp.Backends.MLNet;
using Interp.Explainers.Attribution.PermutationFeatureImportance;

namespace Interp.Explainers.MLNet;

/// <summary>Options of <c>mlContext.Explain().PermutationFeatureImportance(model, data, options)</c>.</summary>
public sealed class MLNetPermutationFeatureImportanceOptions
{
    /// <summary>The explainer's own options (<c>Metric</c>, <c>Repeats</c>, <c>Seed</c>, <c>Parallelism</c>, ...).</summary>
    public PermutationFeatureImportanceOptions Explainer { get; set; } = new();

    /// <summary>The label column of the data (default <c>Label</c>): Boolean, Single, Double, Int32 or a key (class index).</summary>
    [Required]
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Permute the slots of one source column together (default true): one importance per source column.</summary>
    public bool GroupBySourceColumn { get; set; } = true;

    /// <summary>The scored output: <c>Score</c> (default) or <c>Probability</c> (log-loss needs probabilities).</summary>
    public MLNetOutput Output { get; set; } = MLNetOutput.Score;

    /// <summary>Receives the fraction of the work done (0..1); null: no reports.</summary>
    public IProgress<double>? Progress { get; set; }
}
