namespace Interp.Explainers.Attribution.Shapley;

/// <summary>Options shared by the model-agnostic Shapley explainers: who the players are.</summary>
public abstract class ShapleyOptions : PerturbationOptions
{
    /// <summary>
    /// The players (Captum: <c>feature_mask</c>; shap: the masker's groups): <see cref="MaskKind.Feature"/> (default)
    /// the groups of the request's <c>feature_mask</c>, or every scalar its own player when the request has none
    /// (Captum's behaviour with <c>feature_mask=None</c>); <see cref="MaskKind.None"/> every scalar;
    /// <see cref="MaskKind.Grouped"/> the groups of the request's <c>grouped_mask</c> (required then). Every scalar of a
    /// group receives the group's value.
    /// </summary>
    public MaskKind Mask { get; set; } = MaskKind.Feature;
}
