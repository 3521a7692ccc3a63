using Interp.Transformers;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Transformers;

/// <summary>TransformerLens names and shapes of every hook point on stories260K (rotary, grouped-query), and scoped hooks.</summary>
public sealed class HookPointTests
{
    [Fact]
    public void Names_are_transformer_lens_names_in_forward_order()
    {
        var names = Stories260K.Model.HookPointNames;
        Assert.Equal("hook_embed", names[0]);
        Assert.DoesNotContain("hook_pos_embed", names);
        Assert.Equal(["ln_final.hook_scale", "ln_final.hook_normalized"], names.TakeLast(2));
        for (int l = 0; l < 5; l++)
        {
            var expected = new[]
            {
                "hook_resid_pre", "ln1.hook_scale", "ln1.hook_normalized", "attn.hook_q", "attn.hook_k", "attn.hook_v", "attn.hook_rot_q",
                "attn.hook_rot_k", "attn.hook_attn_scores", "attn.hook_pattern", "attn.hook_z", "attn.hook_result", "hook_attn_out",
                "hook_resid_mid", "ln2.hook_scale", "ln2.hook_normalized", "mlp.hook_pre", "mlp.hook_pre_linear", "mlp.hook_post",
                "hook_mlp_out", "hook_resid_post",
            }.Select(n => $"blocks.{l}.{n}");
            Assert.Equal(expected, names.Where(n => n.StartsWith($"blocks.{l}.", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Shapes_follow_transformer_lens_and_patterns_are_causal_distributions()
    {
        using var scope = NewDisposeScope();
        var model = Stories260K.Model;
        var tokens = tensor(new long[] { 1, 400, 300, 20, 45, 99, 7, 1, 260, 261, 262, 263, 264, 8 }).view(2, 7);
        lock (model)
        {
            var (logits, cache) = model.RunWithCache(tokens);
            using var _ = cache;
            Assert.Equal(model.HookPointNames, cache.Names);
            Assert.Equal([2L, 7, 512], logits.shape);
            var shapes = new Dictionary<string, long[]>
            {
                ["hook_embed"] = [2, 7, 64],
                ["blocks.3.hook_resid_pre"] = [2, 7, 64],
                ["blocks.3.ln1.hook_scale"] = [2, 7, 1],
                ["blocks.3.ln1.hook_normalized"] = [2, 7, 64],
                ["blocks.3.attn.hook_q"] = [2, 7, 8, 8],
                ["blocks.3.attn.hook_k"] = [2, 7, 4, 8],
                ["blocks.3.attn.hook_v"] = [2, 7, 4, 8],
                ["blocks.3.attn.hook_rot_q"] = [2, 7, 8, 8],
                ["blocks.3.attn.hook_rot_k"] = [2, 7, 4, 8],
                ["blocks.3.attn.hook_attn_scores"] = [2, 8, 7, 7],
                ["blocks.3.attn.hook_pattern"] = [2, 8, 7, 7],
                ["blocks.3.attn.hook_z"] = [2, 7, 8, 8],
                ["blocks.3.attn.hook_result"] = [2, 7, 8, 64],
                ["blocks.3.mlp.hook_pre"] = [2, 7, 172],
                ["blocks.3.mlp.hook_post"] = [2, 7, 172],
                ["blocks.3.hook_mlp_out"] = [2, 7, 64],
                ["ln_final.hook_scale"] = [2, 7, 1],
            };
            foreach (var (name, shape) in shapes) Assert.True(shape.SequenceEqual(cache[name].shape), $"{name}: [{string.Join(",", cache[name].shape)}]");

            var pattern = cache["blocks.3.attn.hook_pattern"];
            Assert.True((pattern.sum(-1) - 1).abs().max().item<float>() < 1e-5);
            Assert.Equal(0f, pattern.triu(1).abs().max().item<float>());
            // Residual bookkeeping: resid_mid = resid_pre + attn_out, resid_post = resid_mid + mlp_out, next resid_pre = resid_post.
            Assert.True(JsonArrays.Same((cache["blocks.3.hook_resid_pre"] + cache["blocks.3.hook_attn_out"]), cache["blocks.3.hook_resid_mid"]));
            Assert.True(JsonArrays.Same((cache["blocks.3.hook_resid_mid"] + cache["blocks.3.hook_mlp_out"]), cache["blocks.3.hook_resid_post"]));
            Assert.True(JsonArrays.Same(cache["blocks.3.hook_resid_post"], cache["blocks.4.hook_resid_pre"]));
            // Heads' results sum to the attention output (no b_O in Llama); the lens of the last layer is the logits.
            Assert.True((cache["blocks.3.attn.hook_result"].sum(2) - cache["blocks.3.hook_attn_out"]).abs().max().item<float>() < 1e-5);
            Assert.True((model.Unembed(model.LnFinal.call(cache["blocks.4.hook_resid_post"])) - logits).abs().max().item<float>() < 1e-5);
            // With hook_result computed the logits change by rounding only.
            var plain = model.call(tokens);
            Assert.True((plain - logits).abs().max().item<float>() < 1e-4);
        }
    }

    [Fact]
    public void Hooks_replace_activations_and_are_removed_after_an_exception()
    {
        using var scope = NewDisposeScope();
        var model = Stories260K.Model;
        var tokens = tensor(new long[] { 1, 400, 300, 20 }).unsqueeze(0);
        lock (model)
        {
            var clean = model.call(tokens);
            // Zeroing every MLP output changes the logits; equal to a run where ln_final sees resid without MLPs.
            var ablated = model.RunWithHooks(tokens, ("blocks.*.hook_mlp_out", (a, _) => zeros_like(a)));
            Assert.False(ablated.allclose(clean));
            Assert.Throws<InvalidOperationException>(() => model.RunWithHooks(tokens, ("blocks.2.attn.hook_pattern", (_, _) => throw new InvalidOperationException("boom"))));
            Assert.All(model.HookPoints, h => Assert.Equal(0, h.HookCount));
            Assert.True(JsonArrays.Same(model.call(tokens), clean));
        }
    }
}
