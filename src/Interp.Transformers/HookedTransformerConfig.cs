using Interp.Explainers;

namespace Interp.Transformers;

/// <summary>
/// The architecture of a <see cref="HookedTransformer"/> (TransformerLens' <c>HookedTransformerConfig</c>; the
/// TransformerLens field name is in each property's documentation). <see cref="Llama"/> and <see cref="Gpt2"/>
/// fill in the two supported families.
/// </summary>
public sealed record HookedTransformerConfig
{
    /// <summary>A name for messages and explanation files (<c>model_name</c>).</summary>
    public string ModelName { get; init; } = "transformer";

    /// <summary>Number of transformer blocks (<c>n_layers</c>).</summary>
    public required int NLayers { get; init; }

    /// <summary>Width of the residual stream (<c>d_model</c>).</summary>
    public required int DModel { get; init; }

    /// <summary>Number of query heads (<c>n_heads</c>).</summary>
    public required int NHeads { get; init; }

    /// <summary>Number of key/value heads (<c>n_key_value_heads</c>; llama2.c's <c>n_kv_heads</c>); equal to
    /// <see cref="NHeads"/> without grouped-query attention.</summary>
    public required int NKeyValueHeads { get; init; }

    /// <summary>Width of one head (<c>d_head</c>).</summary>
    public required int DHead { get; init; }

    /// <summary>Width of the MLP's hidden layer (<c>d_mlp</c>; llama2.c's <c>hidden_dim</c>).</summary>
    public required int DMlp { get; init; }

    /// <summary>Vocabulary size (<c>d_vocab</c>).</summary>
    public required int DVocab { get; init; }

    /// <summary>Context length: the longest token sequence the model takes (<c>n_ctx</c>; llama2.c's <c>seq_len</c>).</summary>
    public required int NCtx { get; init; }

    /// <summary>LayerNorm or RMSNorm (<c>normalization_type</c>).</summary>
    public required NormalizationType NormalizationType { get; init; }

    /// <summary>Learned positions or rotary embeddings (<c>positional_embedding_type</c>).</summary>
    public required PositionalEmbeddingType PositionalEmbeddingType { get; init; }

    /// <summary>The MLP nonlinearity (<c>act_fn</c>).</summary>
    public required ActivationFunction ActivationFunction { get; init; }

    /// <summary>Whether the MLP is gated, act(x·W_gate)·(x·W_in) (<c>gated_mlp</c>; SwiGLU with <see cref="ActivationFunction.Silu"/>).</summary>
    public bool GatedMlp { get; init; }

    /// <summary>The normalization epsilon (<c>eps</c>).</summary>
    public float Eps { get; init; } = 1e-5f;

    /// <summary>Rotary base θ (<c>rotary_base</c>).</summary>
    public float RotaryBase { get; init; } = 10000f;

    /// <summary>
    /// Rotary pairs: true rotates adjacent dimensions (2i, 2i+1) as llama2.c and Meta's checkpoints do
    /// (<c>rotary_adjacent_pairs</c>); false rotates dimension i with i + d_head/2 ("rotate half", HuggingFace layout).
    /// </summary>
    public bool RotaryAdjacentPairs { get; init; }

    /// <summary>Whether the unembedding is the transposed token embedding (tied weights).</summary>
    public bool TiedUnembed { get; init; }

    /// <summary>Whether attention, MLP and unembedding carry biases (GPT-2 yes, Llama no).</summary>
    public bool HasBiases { get; init; }

    /// <summary>
    /// Always compute the per-head outputs <c>blocks.{l}.attn.hook_result</c> (<c>use_attn_result</c>). When false
    /// they are computed only while a hook is attached to that hook point (e.g. in a run-with-cache that asks for it).
    /// </summary>
    public bool UseAttnResult { get; init; }

    /// <summary>The beginning-of-sequence token, or null when the model has none.</summary>
    public int? BosTokenId { get; init; }

    /// <summary>A Llama-style configuration: RMSNorm, rotary embeddings, SwiGLU, no biases.</summary>
    /// <param name="nLayers">Blocks.</param>
    /// <param name="dModel">Residual width.</param>
    /// <param name="nHeads">Query heads.</param>
    /// <param name="nKeyValueHeads">Key/value heads.</param>
    /// <param name="dMlp">MLP hidden width.</param>
    /// <param name="dVocab">Vocabulary size.</param>
    /// <param name="nCtx">Context length.</param>
    /// <param name="tiedUnembed">Whether the classifier is the token embedding.</param>
    /// <param name="rotaryAdjacentPairs">llama2.c/Meta pairs (true) or HuggingFace rotate-half (false).</param>
    public static HookedTransformerConfig Llama(int nLayers, int dModel, int nHeads, int nKeyValueHeads, int dMlp, int dVocab, int nCtx, bool tiedUnembed, bool rotaryAdjacentPairs) => new()
    {
        ModelName = "llama",
        NLayers = nLayers,
        DModel = dModel,
        NHeads = nHeads,
        NKeyValueHeads = nKeyValueHeads,
        DHead = nHeads > 0 ? dModel / nHeads : 0,
        DMlp = dMlp,
        DVocab = dVocab,
        NCtx = nCtx,
        NormalizationType = NormalizationType.RmsNorm,
        PositionalEmbeddingType = PositionalEmbeddingType.Rotary,
        ActivationFunction = ActivationFunction.Silu,
        GatedMlp = true,
        TiedUnembed = tiedUnembed,
        RotaryAdjacentPairs = rotaryAdjacentPairs,
        BosTokenId = 1,
    };

    /// <summary>A GPT-2 configuration: LayerNorm, learned positions, gelu_new, biases.</summary>
    /// <param name="nLayers">Blocks.</param>
    /// <param name="dModel">Residual width.</param>
    /// <param name="nHeads">Heads.</param>
    /// <param name="dMlp">MLP hidden width (usually 4·d_model).</param>
    /// <param name="dVocab">Vocabulary size.</param>
    /// <param name="nCtx">Context length.</param>
    /// <param name="tiedUnembed">Whether the head is the token embedding.</param>
    public static HookedTransformerConfig Gpt2(int nLayers, int dModel, int nHeads, int dMlp, int dVocab, int nCtx, bool tiedUnembed) => new()
    {
        ModelName = "gpt2",
        NLayers = nLayers,
        DModel = dModel,
        NHeads = nHeads,
        NKeyValueHeads = nHeads,
        DHead = nHeads > 0 ? dModel / nHeads : 0,
        DMlp = dMlp,
        DVocab = dVocab,
        NCtx = nCtx,
        NormalizationType = NormalizationType.LayerNorm,
        PositionalEmbeddingType = PositionalEmbeddingType.Standard,
        ActivationFunction = ActivationFunction.GeluNew,
        HasBiases = true,
        TiedUnembed = tiedUnembed,
    };

    /// <summary>Checks the sizes fit together.</summary>
    /// <exception cref="InterpException">A size is not positive, or heads do not divide evenly.</exception>
    public void Validate()
    {
        void Positive(int value, string name)
        {
            if (value <= 0) throw new InterpException($"Transformer config '{ModelName}': {name} must be positive, got {value}.");
        }

        Positive(NLayers, "n_layers");
        Positive(DModel, "d_model");
        Positive(NHeads, "n_heads");
        Positive(NKeyValueHeads, "n_key_value_heads");
        Positive(DHead, "d_head");
        Positive(DMlp, "d_mlp");
        Positive(DVocab, "d_vocab");
        Positive(NCtx, "n_ctx");
        if (NHeads % NKeyValueHeads != 0) throw new InterpException($"Transformer config '{ModelName}': n_heads ({NHeads}) must be a multiple of n_key_value_heads ({NKeyValueHeads}).");
        if (PositionalEmbeddingType == PositionalEmbeddingType.Rotary && DHead % 2 != 0) throw new InterpException($"Transformer config '{ModelName}': rotary embeddings need an even d_head, got {DHead}.");
    }
}
