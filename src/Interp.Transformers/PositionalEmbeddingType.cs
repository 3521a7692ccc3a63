namespace Interp.Transformers;

/// <summary>How positions enter the model (TransformerLens' <c>positional_embedding_type</c>).</summary>
public enum PositionalEmbeddingType
{
    /// <summary>A learned position embedding added to the token embedding (<c>standard</c>; GPT-2).</summary>
    Standard,

    /// <summary>Rotary embeddings applied to queries and keys in every attention layer (<c>rotary</c>; Llama).</summary>
    Rotary,
}
