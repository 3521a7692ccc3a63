using System.Text.Json;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Explanations;

/// <summary>
/// Logit lens: the residual stream at every layer × position read out through the final norm and the unembedding,
/// as top-k tokens with probabilities, and the probability and rank of chosen tokens (by default the next token of the
/// prompt) per layer × position.
/// </summary>
public sealed class LensExplanation : Explanation
{
    /// <inheritdoc />
    public override string Kind => "lens";

    /// <summary>Names of the layer rows (hook points), e.g. <c>hook_embed</c>, <c>blocks.0.hook_resid_post</c>.</summary>
    public required IReadOnlyList<string> LayerNames { get; init; }

    /// <summary>The prompt's token ids [positions].</summary>
    public IReadOnlyList<int> Tokens { get; init; } = [];

    /// <summary>Top token ids [layers, positions, k].</summary>
    public required NdArray<int> TopTokens { get; init; }

    /// <summary>Their probabilities [layers, positions, k].</summary>
    public required NdArray<float> TopProbabilities { get; init; }

    /// <summary>The token tracked at each position [positions] (−1: none, e.g. the last position of the prompt), or null.</summary>
    public IReadOnlyList<int>? ChosenTokens { get; init; }

    /// <summary>Probability of the chosen token [layers, positions] (NaN where none), or null.</summary>
    public NdArray<float>? ChosenProbabilities { get; init; }

    /// <summary>Rank of the chosen token (0 = top) [layers, positions] (−1 where none), or null.</summary>
    public NdArray<int>? ChosenRanks { get; init; }

    /// <summary>The text of every token id that appears in <see cref="Tokens"/> and <see cref="TopTokens"/>, when the model has a tokenizer.</summary>
    public IReadOnlyDictionary<int, string>? TokenTexts { get; init; }

    /// <summary>The lens logits [layers, positions, vocab] when asked for, else null.</summary>
    public NdArray<float>? Logits { get; init; }

    /// <inheritdoc />
    public override void WritePayload(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName("layer_names");
        JsonSerializer.Serialize(writer, LayerNames);
        writer.WritePropertyName("tokens");
        JsonArrays.Write(writer, Tokens);
        writer.WritePropertyName("top_tokens");
        JsonArrays.Write(writer, TopTokens);
        writer.WritePropertyName("top_probabilities");
        JsonArrays.Write(writer, TopProbabilities);
        if (ChosenTokens is not null)
        {
            writer.WritePropertyName("chosen_tokens");
            JsonArrays.Write(writer, ChosenTokens);
        }

        if (ChosenProbabilities is not null)
        {
            writer.WritePropertyName("chosen_probabilities");
            JsonArrays.Write(writer, ChosenProbabilities);
        }

        if (ChosenRanks is not null)
        {
            writer.WritePropertyName("chosen_ranks");
            JsonArrays.Write(writer, ChosenRanks);
        }

        if (TokenTexts is not null)
        {
            writer.WriteStartObject("token_texts");
            foreach (var (id, text) in TokenTexts.OrderBy(kv => kv.Key)) writer.WriteString(id.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
            writer.WriteEndObject();
        }

        if (Logits is not null)
        {
            writer.WritePropertyName("logits");
            JsonArrays.Write(writer, Logits);
        }
    }
}
