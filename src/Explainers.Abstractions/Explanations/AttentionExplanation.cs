using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>Attention patterns of a prompt: [layer, head, query, key] probabilities.</summary>
public sealed class AttentionExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "attention";

    /// <summary>Patterns [layers, heads, query positions, key positions].</summary>
    public required NdArray<float> Patterns { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("patterns");
        JsonArrays.Write(writer, Patterns);
    }
}
