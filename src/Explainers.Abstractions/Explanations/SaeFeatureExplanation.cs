using System.Text.Json;

namespace Interp.Explainers.Explanations;

/// <summary>What one sparse-autoencoder feature (or neuron) means: its top activating contexts and statistics.</summary>
public sealed class SaeFeatureExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "sae_feature";

    /// <summary>The feature index.</summary>
    public required int FeatureIndex { get; init; }

    /// <summary>The hook point the SAE reads.</summary>
    public required string HookPoint { get; init; }

    /// <summary>Top contexts, highest activation first.</summary>
    public required IReadOnlyList<FeatureContext> TopContexts { get; init; }

    /// <summary>Fraction of tokens on which the feature fires.</summary>
    public double Density { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("feature_index", FeatureIndex);
        writer.WriteString("hook_point", HookPoint);
        writer.WriteNumber("density", Density);
        writer.WritePropertyName("top_contexts");
        JsonSerializer.Serialize(writer, TopContexts);
    }
}
