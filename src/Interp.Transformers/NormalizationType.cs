namespace Interp.Transformers;

/// <summary>The normalization of a transformer (TransformerLens' <c>normalization_type</c>).</summary>
public enum NormalizationType
{
    /// <summary>LayerNorm with weight and bias (<c>LN</c>; GPT-2).</summary>
    LayerNorm,

    /// <summary>RMSNorm with a weight (<c>RMS</c>; Llama).</summary>
    RmsNorm,
}
