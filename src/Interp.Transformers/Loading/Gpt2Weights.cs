using Interp.Explainers;
using static TorchSharp.torch;

namespace Interp.Transformers.Loading;

/// <summary>HuggingFace GPT-2 (<c>GPT2LMHeadModel</c>/<c>GPT2Model</c>) config and weights: Conv1D weights are [in, out].</summary>
internal static class Gpt2Weights
{
    public static HookedTransformerConfig Config(HuggingFaceConfig hf, SafetensorsFile file, string name)
    {
        var activation = hf.String("activation_function") ?? "gelu_new";
        if (activation is not ("gelu_new" or "gelu_pytorch_tanh"))
        {
            throw new InterpException($"'{hf.Path}': activation_function '{activation}' is not supported (gelu_new).");
        }

        if (hf.Bool("scale_attn_by_inverse_layer_idx", false)) throw new InterpException($"'{hf.Path}': scale_attn_by_inverse_layer_idx is not supported.");
        if (!hf.Bool("scale_attn_weights", true)) throw new InterpException($"'{hf.Path}': scale_attn_weights=false is not supported.");
        int dModel = hf.Int("n_embd");
        bool hasHead = file.Entries.ContainsKey("lm_head.weight");
        bool tied = hf.Bool("tie_word_embeddings", true) || !hasHead;
        return HookedTransformerConfig.Gpt2(hf.Int("n_layer"), dModel, hf.Int("n_head"), hf.OptionalInt("n_inner") ?? 4 * dModel, hf.Int("vocab_size"), hf.Int("n_positions", hf.OptionalInt("n_ctx")), tied) with
        {
            ModelName = name,
            Eps = hf.Float("layer_norm_epsilon", 1e-5f),
            BosTokenId = hf.OptionalInt("bos_token_id"),
        };
    }

    public static void Fill(HookedTransformer model, SafetensorsFile file)
    {
        using var scope = NewDisposeScope();
        var src = new TensorSource(file, file.Entries.Keys.Any(k => k.StartsWith("transformer.", StringComparison.Ordinal)) ? "transformer." : "");
        int d = model.Config.DModel;
        WeightCopy.Into(model.WE, src.Read("wte.weight"), "wte.weight");
        WeightCopy.Into(model.WPos!, src.Read("wpe.weight"), "wpe.weight");
        foreach (var block in model.Blocks)
        {
            var p = $"h.{block.Layer}.";
            WeightCopy.Into(block.Ln1.W, src.Read(p + "ln_1.weight"), p + "ln_1.weight");
            WeightCopy.Into(block.Ln1.B!, src.Read(p + "ln_1.bias"), p + "ln_1.bias");
            var cAttn = src.Read(p + "attn.c_attn.weight");
            var cAttnBias = src.Read(p + "attn.c_attn.bias");
            if (!cAttn.shape.SequenceEqual([d, 3L * d])) throw new InterpException($"{p}attn.c_attn.weight: expected [{d},{3 * d}] (Conv1D [in, out]), got [{string.Join(",", cAttn.shape)}].");
            WeightCopy.Into(block.Attn.QWeight, cAttn.narrow(1, 0, d).t(), p + "attn.c_attn.weight (q)");
            WeightCopy.Into(block.Attn.KWeight, cAttn.narrow(1, d, d).t(), p + "attn.c_attn.weight (k)");
            WeightCopy.Into(block.Attn.VWeight, cAttn.narrow(1, 2 * d, d).t(), p + "attn.c_attn.weight (v)");
            WeightCopy.Into(block.Attn.BQ!, cAttnBias.narrow(0, 0, d), p + "attn.c_attn.bias (q)");
            WeightCopy.Into(block.Attn.BK!, cAttnBias.narrow(0, d, d), p + "attn.c_attn.bias (k)");
            WeightCopy.Into(block.Attn.BV!, cAttnBias.narrow(0, 2 * d, d), p + "attn.c_attn.bias (v)");
            WeightCopy.Into(block.Attn.OWeight, src.Read(p + "attn.c_proj.weight").t(), p + "attn.c_proj.weight");
            WeightCopy.Into(block.Attn.BO!, src.Read(p + "attn.c_proj.bias"), p + "attn.c_proj.bias");
            WeightCopy.Into(block.Ln2.W, src.Read(p + "ln_2.weight"), p + "ln_2.weight");
            WeightCopy.Into(block.Ln2.B!, src.Read(p + "ln_2.bias"), p + "ln_2.bias");
            WeightCopy.Into(block.Mlp.InWeight, src.Read(p + "mlp.c_fc.weight").t(), p + "mlp.c_fc.weight");
            WeightCopy.Into(block.Mlp.BIn!, src.Read(p + "mlp.c_fc.bias"), p + "mlp.c_fc.bias");
            WeightCopy.Into(block.Mlp.OutWeight, src.Read(p + "mlp.c_proj.weight").t(), p + "mlp.c_proj.weight");
            WeightCopy.Into(block.Mlp.BOut!, src.Read(p + "mlp.c_proj.bias"), p + "mlp.c_proj.bias");
        }

        WeightCopy.Into(model.LnFinal.W, src.Read("ln_f.weight"), "ln_f.weight");
        WeightCopy.Into(model.LnFinal.B!, src.Read("ln_f.bias"), "ln_f.bias");
        if (!model.Config.TiedUnembed) WeightCopy.Into(model.UnembedWeight, src.Read("lm_head.weight"), "lm_head.weight");
        src.CheckAllUsed(k => k.EndsWith(".attn.bias", StringComparison.Ordinal) || k.EndsWith(".attn.masked_bias", StringComparison.Ordinal) || k == "lm_head.weight");
    }
}
