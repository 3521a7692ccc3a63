namespace Interp.Explainers.Attribution.FeatureAblation;

/// <summary>Options of <see cref="FeatureAblation"/> (section <c>Interp:Explainers:FeatureAblation</c>).</summary>
public sealed class FeatureAblationOptions : PerturbationOptions
{
    /// <summary>
    /// What is ablated together: <see cref="MaskKind.None"/> (default) every scalar alone, <see cref="MaskKind.Feature"/>
    /// the request's <c>feature_mask</c> groups, <see cref="MaskKind.Grouped"/> its <c>grouped_mask</c> groups
    /// (Captum: <c>feature_mask</c>).
    /// </summary>
    public MaskKind Mask { get; set; } = MaskKind.None;
}
