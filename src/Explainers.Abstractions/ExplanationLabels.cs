namespace Interp.Explainers;

/// <summary>What the positions of an explanation mean: feature names, tokens or image geometry.</summary>
public sealed record ExplanationLabels
{
    /// <summary>Feature names (tabular).</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>Tokens (text).</summary>
    public IReadOnlyList<string>? Tokens { get; init; }

    /// <summary>Image geometry and layout, e.g. channels/height/width and channel order.</summary>
    public ImageInfo? Image { get; init; }

    /// <summary>Output (class) names.</summary>
    public IReadOnlyList<string>? OutputNames { get; init; }
}
