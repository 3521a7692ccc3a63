namespace Interp.Explainers.Explanations;

/// <summary>A token context in which a feature fires.</summary>
/// <param name="Tokens">The context tokens.</param>
/// <param name="Activations">The feature's activation on each token.</param>
/// <param name="MaxActivation">The largest activation in the context.</param>
public sealed record FeatureContext(IReadOnlyList<string> Tokens, IReadOnlyList<float> Activations, float MaxActivation);
