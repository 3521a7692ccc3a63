using Interp.Explainers.Tensors;

namespace Interp.Explainers.Requests;

/// <summary>A global importance request: a data set of rows to measure the model's overall behaviour on.</summary>
public sealed class GlobalImportanceRequest : ExplanationRequest
{
    /// <summary>Rows of the model's primary input, [rows, features...].</summary>
    public required NdArray<float> Data { get; init; }

    /// <summary>True labels per row, for metric-based importance (permutation importance); null when not needed.</summary>
    public NdArray<float>? Labels { get; init; }

    /// <summary>Names of the features, for the report.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>
    /// Group id (0..G−1) per feature: the features of a group are measured together (e.g. the one-hot slots of one
    /// source column). Null: every feature alone.
    /// </summary>
    public IReadOnlyList<int>? FeatureGroups { get; init; }

    /// <summary>Receives the fraction of the work done (0..1) as it progresses; null: no reports.</summary>
    public IProgress<double>? Progress { get; init; }
}
