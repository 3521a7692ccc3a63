using System.Text.Json;

namespace Interp.Explainers.Explanations;

/// <summary>
/// What sparse-autoencoder features (or neurons) mean. The top-level fields describe one feature (the first card):
/// <c>feature_index</c>, <c>density</c>, <c>top_contexts</c>, <c>histogram</c>, <c>top_logits</c>, <c>bottom_logits</c>,
/// <c>steering</c>; <c>features</c> holds every card, and <c>prompt_activations</c> which features fire where on the prompt.
/// </summary>
public sealed class SaeFeatureExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "sae_feature";

    /// <summary>The feature index (of the first card).</summary>
    public required int FeatureIndex { get; init; }

    /// <summary>The hook point the SAE reads.</summary>
    public required string HookPoint { get; init; }

    /// <summary>Top contexts, highest activation first (of the first card).</summary>
    public required IReadOnlyList<FeatureContext> TopContexts { get; init; }

    /// <summary>Fraction of tokens on which the feature fires (of the first card).</summary>
    public double Density { get; init; }

    /// <summary><c>sae</c> (features of an SAE) or <c>neurons</c> (the hook's own coordinates); null when not stated.</summary>
    public string? Basis { get; init; }

    /// <summary>The first card's activation histogram; null when not computed.</summary>
    public ActivationHistogram? Histogram { get; init; }

    /// <summary>The first card's boosted output tokens.</summary>
    public IReadOnlyList<LogitEntry>? TopLogits { get; init; }

    /// <summary>The first card's suppressed output tokens.</summary>
    public IReadOnlyList<LogitEntry>? BottomLogits { get; init; }

    /// <summary>The first card's steered generations.</summary>
    public IReadOnlyList<SteeringSample>? Steering { get; init; }

    /// <summary>Every card, in request order (or by activation on the prompt); null when only the top level is filled.</summary>
    public IReadOnlyList<FeatureCard>? Features { get; init; }

    /// <summary>The prompt's token ids, when a prompt was explained.</summary>
    public IReadOnlyList<int>? PromptTokens { get; init; }

    /// <summary>Which features fire where on the prompt (strongest first per position).</summary>
    public IReadOnlyList<PromptFeatureActivation>? PromptActivations { get; init; }

    /// <summary>Builds the explanation whose top level mirrors <paramref name="cards"/>[0].</summary>
    /// <param name="cards">The cards (at least one).</param>
    /// <param name="method">The explainer's name.</param>
    /// <param name="hookPoint">The hook point.</param>
    /// <param name="basis"><c>sae</c> or <c>neurons</c>.</param>
    /// <param name="options">The explainer's options.</param>
    /// <param name="model">The model source.</param>
    /// <param name="promptTokens">The prompt, or null.</param>
    /// <param name="promptActivations">Where features fire on the prompt, or null.</param>
    public static SaeFeatureExplanation FromCards(IReadOnlyList<FeatureCard> cards, string method, string hookPoint, string basis, ExplainerOptions? options, Models.ModelSource? model, IReadOnlyList<int>? promptTokens, IReadOnlyList<PromptFeatureActivation>? promptActivations)
    {
        ArgumentNullException.ThrowIfNull(cards);
        if (cards.Count == 0) throw new ArgumentException("At least one feature card is needed.", nameof(cards));
        var first = cards[0];
        return new SaeFeatureExplanation
        {
            Method = method, Level = ExplainerLevel.Concept, Options = options, Model = model,
            FeatureIndex = first.FeatureIndex, HookPoint = hookPoint, TopContexts = first.TopContexts, Density = first.Density,
            Basis = basis, Histogram = first.Histogram, TopLogits = first.TopLogits, BottomLogits = first.BottomLogits, Steering = first.Steering,
            Features = cards, PromptTokens = promptTokens, PromptActivations = promptActivations,
        };
    }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("feature_index", FeatureIndex);
        writer.WriteString("hook_point", HookPoint);
        writer.WriteNumber("density", Density);
        writer.WritePropertyName("top_contexts");
        JsonSerializer.Serialize(writer, TopContexts);
        if (Basis is not null) writer.WriteString("basis", Basis);
        Optional(writer, "histogram", Histogram);
        Optional(writer, "top_logits", TopLogits);
        Optional(writer, "bottom_logits", BottomLogits);
        Optional(writer, "steering", Steering);
        Optional(writer, "prompt_tokens", PromptTokens);
        Optional(writer, "prompt_activations", PromptActivations);
        Optional(writer, "features", Features);
    }

    private static void Optional<T>(Utf8JsonWriter writer, string name, T? value)
        where T : class
    {
        if (value is null) return;
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value);
    }
}
