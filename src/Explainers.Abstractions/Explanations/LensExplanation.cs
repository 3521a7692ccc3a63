using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>Logit lens: the unembedded residual stream at every layer × position, as top-k tokens with probabilities.</summary>
public sealed class LensExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "lens";

    /// <summary>Top token ids [layers, positions, k].</summary>
    public required NdArray<int> TopTokens { get; init; }

    /// <summary>Their probabilities [layers, positions, k].</summary>
    public required NdArray<float> TopProbabilities { get; init; }

    /// <summary>Names of the layer rows (hook points), e.g. <c>blocks.0.hook_resid_post</c>.</summary>
    public required IReadOnlyList<string> LayerNames { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("layer_names");
        JsonSerializer.Serialize(writer, LayerNames);
        writer.WritePropertyName("top_tokens");
        JsonArrays.Write(writer, TopTokens);
        writer.WritePropertyName("top_probabilities");
        JsonArrays.Write(writer, TopProbabilities);
    }
}
