using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Attribution.PermutationFeatureImportance;

/// <summary>Options of <see cref="PermutationFeatureImportance"/> (section <c>Interp:Explainers:PermutationFeatureImportance</c>).</summary>
public sealed class PermutationFeatureImportanceOptions : ExplainerOptions
{
    /// <summary>The metric (default <see cref="ImportanceMetric.Auto"/>).</summary>
    public ImportanceMetric Metric { get; set; } = ImportanceMetric.Auto;

    /// <summary>Permutations per feature; the importance is their mean, with its standard error.</summary>
    [Range(1, 10_000)]
    public int Repeats { get; set; } = 5;

    /// <summary>Binary accuracy: the output above which a row is predicted positive (0.5 for probabilities; 0 for margins).</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Seed of the permutations. Null (default): the request's seed, or 0.</summary>
    public int? Seed { get; set; }

    /// <summary>Rows per model call. 0 (default): as many as fit in <c>Interp:MaxBatchBytes</c>.</summary>
    [Range(0, 10_000_000)]
    public int RowsPerEval { get; set; }

    /// <summary>Features measured at the same time (threads). 0 (default): the processor count.</summary>
    [Range(0, 1024)]
    public int Parallelism { get; set; }
}
