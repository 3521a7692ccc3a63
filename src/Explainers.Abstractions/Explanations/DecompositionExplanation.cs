using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>
/// The residual stream at one position split into the components that wrote it (embeddings, each attention head,
/// attention biases, each MLP), and each component's direct contribution to a logit (difference) through the final
/// norm and the unembedding.
/// </summary>
public sealed class DecompositionExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "decomposition";

    /// <summary>Component names, e.g. <c>embed</c>, <c>pos_embed</c>, <c>L0H3</c>, <c>L0 attn bias</c>, <c>L0 mlp</c>.</summary>
    public required IReadOnlyList<string> Components { get; init; }

    /// <summary>The position decomposed.</summary>
    public required int Position { get; init; }

    /// <summary>Direct contribution of each component to the metric [components].</summary>
    public required double[] Contributions { get; init; }

    /// <summary>What the contributions are of, e.g. <c>logit[98] - logit[76]</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The model's own value of the target (the logit or logit difference).</summary>
    public double TargetValue { get; init; }

    /// <summary>Terms outside the components: the final norm's bias and the unembedding bias, through the same direction.</summary>
    public double BiasTerms { get; init; }

    /// <summary>The component vectors [components, d_model] (residual decomposition), or null.</summary>
    public NdArray<float>? Vectors { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("components");
        JsonSerializer.Serialize(writer, Components);
        writer.WriteNumber("position", Position);
        writer.WriteString("target", Target);
        writer.WriteNumber("target_value", TargetValue);
        writer.WriteNumber("bias_terms", BiasTerms);
        writer.WritePropertyName("contributions");
        JsonArrays.Write(writer, Contributions);
        if (Vectors is not null)
        {
            writer.WritePropertyName("vectors");
            JsonArrays.Write(writer, Vectors);
        }
    }
}
