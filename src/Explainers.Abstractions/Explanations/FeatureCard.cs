using System.Text.Json.Serialization;

namespace Interp.Explainers.Explanations;

/// <summary>
/// A Neuroscope-style card of one SAE feature or hook coordinate (neuron): top-activating contexts with per-token
/// activations, the activation histogram and density over the corpus, the output tokens the feature's direction
/// boosts and suppresses (through the unembedding), and steered generations.
/// </summary>
public sealed record FeatureCard
{
    /// <summary>The feature (or neuron) index.</summary>
    [JsonPropertyName("feature_index")]
    public required int FeatureIndex { get; init; }

    /// <summary>Fraction of corpus tokens on which it fires (activation &gt; 0).</summary>
    [JsonPropertyName("density")]
    public double Density { get; init; }

    /// <summary>Its largest activation over the corpus.</summary>
    [JsonPropertyName("max_activation")]
    public float MaxActivation { get; init; }

    /// <summary>Corpus tokens scanned.</summary>
    [JsonPropertyName("corpus_tokens")]
    public long CorpusTokens { get; init; }

    /// <summary>Top contexts, highest activation first.</summary>
    [JsonPropertyName("top_contexts")]
    public required IReadOnlyList<FeatureContext> TopContexts { get; init; }

    /// <summary>Histogram of its activations &gt; 0 over the corpus.</summary>
    [JsonPropertyName("histogram")]
    public ActivationHistogram? Histogram { get; init; }

    /// <summary>Output tokens its direction boosts most (direction · W_U), largest first.</summary>
    [JsonPropertyName("top_logits")]
    public IReadOnlyList<LogitEntry>? TopLogits { get; init; }

    /// <summary>Output tokens its direction suppresses most, most negative first.</summary>
    [JsonPropertyName("bottom_logits")]
    public IReadOnlyList<LogitEntry>? BottomLogits { get; init; }

    /// <summary>Generations with multiples of its direction added at the hook (the first is usually the baseline).</summary>
    [JsonPropertyName("steering")]
    public IReadOnlyList<SteeringSample>? Steering { get; init; }
}
