namespace Interp.Explainers.Attribution.FeaturePermutation;

/// <summary>Options of <see cref="FeaturePermutation"/> (section <c>Interp:Explainers:FeaturePermutation</c>).</summary>
public sealed class FeaturePermutationOptions : PerturbationOptions
{
    /// <summary>
    /// What is permuted together (Captum: <c>feature_mask</c>): <see cref="MaskKind.None"/> (default) every scalar
    /// alone, <see cref="MaskKind.Feature"/> the request's <c>feature_mask</c> groups, <see cref="MaskKind.Grouped"/>
    /// its <c>grouped_mask</c> groups.
    /// </summary>
    public MaskKind Mask { get; set; } = MaskKind.None;

    /// <summary>
    /// Seed of the permutations (Captum: <c>torch.randperm</c> on torch's global generator). Null (default): the
    /// request's seed, or 0.
    /// </summary>
    public int? Seed { get; set; }
}
