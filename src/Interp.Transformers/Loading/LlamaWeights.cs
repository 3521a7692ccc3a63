using Interp.Explainers;
using static TorchSharp.torch;

namespace Interp.Transformers.Loading;

/// <summary>
/// HuggingFace Llama (<c>LlamaForCausalLM</c>) config and weights. HF stores q_proj/k_proj rows permuted for its
/// rotate-half rotary, so the model uses rotate-half pairs (<see cref="HookedTransformerConfig.RotaryAdjacentPairs"/> false).
/// </summary>
internal static class LlamaWeights
{
    public static HookedTransformerConfig Config(HuggingFaceConfig hf, SafetensorsFile file, string name)
    {
        if (hf.Has("rope_scaling")) throw new InterpException($"'{hf.Path}': rope_scaling is not supported.");
        if (hf.Bool("attention_bias", false) || hf.Bool("mlp_bias", false)) throw new InterpException($"'{hf.Path}': attention/MLP biases are not supported for Llama.");
        var act = hf.String("hidden_act") ?? "silu";
        if (act != "silu") throw new InterpException($"'{hf.Path}': hidden_act '{act}' is not supported (silu).");
        int heads = hf.Int("num_attention_heads");
        int dModel = hf.Int("hidden_size");
        bool hasHead = file.Entries.ContainsKey("lm_head.weight");
        bool tied = hf.Bool("tie_word_embeddings", false) || !hasHead;
        var cfg = HookedTransformerConfig.Llama(hf.Int("num_hidden_layers"), dModel, heads, hf.Int("num_key_value_heads", heads), hf.Int("intermediate_size"),
            hf.Int("vocab_size"), hf.Int("max_position_embeddings"), tied, rotaryAdjacentPairs: false);
        return cfg with
        {
            ModelName = name,
            DHead = hf.Int("head_dim", dModel / heads),
            Eps = hf.Float("rms_norm_eps", 1e-6f),
            RotaryBase = hf.Float("rope_theta", 10000f),
            BosTokenId = hf.OptionalInt("bos_token_id"),
        };
    }

    public static void Fill(HookedTransformer model, SafetensorsFile file)
    {
        using var scope = NewDisposeScope();
        var src = new TensorSource(file, "model.");
        WeightCopy.Into(model.WE, src.Read("embed_tokens.weight"), "embed_tokens.weight");
        foreach (var block in model.Blocks)
        {
            var p = $"layers.{block.Layer}.";
            WeightCopy.Into(block.Ln1.W, src.Read(p + "input_layernorm.weight"), p + "input_layernorm.weight");
            WeightCopy.Into(block.Attn.QWeight, src.Read(p + "self_attn.q_proj.weight"), p + "self_attn.q_proj.weight");
            WeightCopy.Into(block.Attn.KWeight, src.Read(p + "self_attn.k_proj.weight"), p + "self_attn.k_proj.weight");
            WeightCopy.Into(block.Attn.VWeight, src.Read(p + "self_attn.v_proj.weight"), p + "self_attn.v_proj.weight");
            WeightCopy.Into(block.Attn.OWeight, src.Read(p + "self_attn.o_proj.weight"), p + "self_attn.o_proj.weight");
            WeightCopy.Into(block.Ln2.W, src.Read(p + "post_attention_layernorm.weight"), p + "post_attention_layernorm.weight");
            WeightCopy.Into(block.Mlp.GateWeight!, src.Read(p + "mlp.gate_proj.weight"), p + "mlp.gate_proj.weight");
            WeightCopy.Into(block.Mlp.InWeight, src.Read(p + "mlp.up_proj.weight"), p + "mlp.up_proj.weight");
            WeightCopy.Into(block.Mlp.OutWeight, src.Read(p + "mlp.down_proj.weight"), p + "mlp.down_proj.weight");
        }

        WeightCopy.Into(model.LnFinal.W, src.Read("norm.weight"), "norm.weight");
        if (!model.Config.TiedUnembed) WeightCopy.Into(model.UnembedWeight, src.Read("lm_head.weight"), "lm_head.weight");
        src.CheckAllUsed(k => k.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal) || k == "lm_head.weight");
    }
}
