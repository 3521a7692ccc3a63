using System.Text.Json;
using Interp.Transformers;
using Interp.Transformers.Generation;
using Interp.Transformers.Loading;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Transformers;

/// <summary>
/// stories260K converted to HuggingFace Llama layout (config.json + model.safetensors, q_proj/k_proj rows permuted for
/// HF's rotate-half rotary as HF's conversion script does) loads through the HF Llama loader and gives the same logits
/// as the llama2.c checkpoint (to float32 rounding), and the same 256-token greedy story.
/// </summary>
public sealed class HfLlamaConversionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("interp-hf-llama-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>HF's permutation: interleaved pairs (2i, 2i+1) of each head → halves (i, i + d_head/2).</summary>
    private static Tensor PermuteForRotateHalf(Tensor w, int heads) =>
        w.view(heads, w.shape[0] / heads / 2, 2, w.shape[1]).transpose(1, 2).reshape(w.shape[0], w.shape[1]);

    private static Tensor Linear(Tensor tlView) => tlView.permute(0, 2, 1).reshape(-1, tlView.shape[1]);

    private void Convert(HookedTransformer source)
    {
        var c = source.Config;
        var tensors = new Dictionary<string, Tensor> { ["model.embed_tokens.weight"] = source.WE, ["model.norm.weight"] = source.LnFinal.W };
        foreach (var b in source.Blocks)
        {
            var p = $"model.layers.{b.Layer}.";
            tensors[p + "input_layernorm.weight"] = b.Ln1.W;
            tensors[p + "post_attention_layernorm.weight"] = b.Ln2.W;
            tensors[p + "self_attn.q_proj.weight"] = PermuteForRotateHalf(Linear(b.Attn.WQ), c.NHeads);
            tensors[p + "self_attn.k_proj.weight"] = PermuteForRotateHalf(Linear(b.Attn.WK), c.NKeyValueHeads);
            tensors[p + "self_attn.v_proj.weight"] = Linear(b.Attn.WV);
            tensors[p + "self_attn.o_proj.weight"] = b.Attn.WO.permute(2, 0, 1).reshape(c.DModel, -1);
            tensors[p + "mlp.gate_proj.weight"] = b.Mlp.WGate!.t();
            tensors[p + "mlp.up_proj.weight"] = b.Mlp.WIn.t();
            tensors[p + "mlp.down_proj.weight"] = b.Mlp.WOut.t();
        }

        SafetensorsFile.Write(Path.Combine(_folder, "model.safetensors"), tensors);
        var config = new Dictionary<string, object>
        {
            ["architectures"] = new[] { "LlamaForCausalLM" },
            ["model_type"] = "llama",
            ["hidden_size"] = c.DModel,
            ["intermediate_size"] = c.DMlp,
            ["num_hidden_layers"] = c.NLayers,
            ["num_attention_heads"] = c.NHeads,
            ["num_key_value_heads"] = c.NKeyValueHeads,
            ["vocab_size"] = c.DVocab,
            ["max_position_embeddings"] = c.NCtx,
            ["rms_norm_eps"] = 1e-5,
            ["rope_theta"] = 10000.0,
            ["tie_word_embeddings"] = true,
            ["hidden_act"] = "silu",
            ["bos_token_id"] = 1,
        };
        File.WriteAllText(Path.Combine(_folder, "config.json"), JsonSerializer.Serialize(config));
    }

    [Fact]
    public void Converted_checkpoint_gives_the_same_logits_and_greedy_story()
    {
        using var scope = NewDisposeScope();
        var source = Stories260K.Model;
        var line = File.ReadLines(Path.Combine(TestPaths.Shared, "data", "text", "tinystories_sample_197k.txt")).First();
        var ids = Stories260K.Tokenizer.Encode(line, addBos: true).Take(200).Select(t => (long)t).ToArray();
        var tokens = tensor(ids).unsqueeze(0);
        Tensor expected, expectedRotQ;
        lock (source)
        {
            Convert(source);
            var (logits, cache) = source.RunWithCache(tokens, "blocks.2.attn.hook_rot_q");
            using (cache) expectedRotQ = cache["blocks.2.attn.hook_rot_q"].clone();
            expected = logits;
        }

        using var hf = HuggingFaceLoader.Load(_folder).Model;
        Assert.False(hf.Config.RotaryAdjacentPairs);
        Assert.True(hf.Config.TiedUnembed);
        var (actual, hfCache) = hf.RunWithCache(tokens, "blocks.2.attn.hook_rot_q");
        using (hfCache)
        {
            // The rotated queries are the same numbers, in HF's (rotate-half) order within each head.
            var reordered = expectedRotQ.view(1, ids.Length, 8, 4, 2).transpose(3, 4).reshape(1, ids.Length, 8, 8);
            double qDiff = (reordered - hfCache["blocks.2.attn.hook_rot_q"]).abs().max().item<float>();
            double qScale = reordered.abs().max().item<float>();
            Assert.True(qDiff <= 1e-6 * qScale, $"rot_q: max |diff| {qDiff} for values up to {qScale}");
        }

        // Not bitwise: the permuted q/k rows go through the matrix multiply in another order, so float32 rounding
        // differs (~1 ulp of the largest logits); every argmax and the whole greedy story agree.
        double diff = (expected - actual).abs().max().item<float>();
        double scale = expected.abs().max().item<float>();
        Assert.True(diff <= 2e-6 * scale, $"max |logit diff| {diff} for logits up to {scale}");
        Assert.True(JsonArrays.Same(expected.argmax(-1), actual.argmax(-1)), "argmax");

        var greedy = TransformerGenerator.Generate(hf, [1], new GenerationOptions { Steps = 256, Temperature = 0 });
        var printed = Stories260K.Tokenizer.DecodeBytes(greedy.Tokens, printableOnly: true).Concat("\n"u8.ToArray()).ToArray();
        Assert.Equal(File.ReadAllBytes(Path.Combine(Stories260K.Folder, "expected_greedy_t0.txt")), printed);
    }
}
