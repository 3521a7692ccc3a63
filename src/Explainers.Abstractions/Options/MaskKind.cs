namespace Interp.Explainers;

/// <summary>Which grouping of input scalars a perturbation explainer treats as features.</summary>
public enum MaskKind
{
    /// <summary>Every scalar is its own feature (Captum's default).</summary>
    None,

    /// <summary>The request's feature mask (inputs.json <c>feature_mask</c>).</summary>
    Feature,

    /// <summary>The request's grouped mask (inputs.json <c>grouped_mask</c>).</summary>
    Grouped,
}
