using System.Text.Json;
using Interp.Transformers;
using Interp.Transformers.Loading;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Transformers;

/// <summary>
/// gpt2_tiny (HF GPT2LMHeadModel layout, untied head) against the independent PyTorch GPT-2 in
/// shared/reference/gpt2_tiny/expected.json: logits, every cached activation and attention patterns within 1e-4; the
/// model API also reproduces the reference's logit lens and resid_pre patching grid.
/// </summary>
public sealed class Gpt2TinyReferenceTests : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly HookedTransformer _model;
    private readonly JsonElement _expected;
    private readonly IDisposable _scope = NewDisposeScope();

    public Gpt2TinyReferenceTests()
    {
        _model = HuggingFaceLoader.Load(Path.Combine(TestPaths.Shared, "reference", "gpt2_tiny")).Model;
        _expected = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("gpt2_tiny", "expected.json"))).RootElement;
    }

    private Tensor Tokens(string key = "tokens") => tensor(_expected.GetProperty(key).EnumerateArray().Select(e => e.GetInt64()).ToArray()).unsqueeze(0);

    private Tensor Expected(string key) => JsonArrays.ToTensor(_expected.GetProperty(key));

    [Fact]
    public void Config_comes_from_config_json()
    {
        var c = _model.Config;
        Assert.Equal((2, 4, 4, 64, 16, 256, 100, 32), (c.NLayers, c.NHeads, c.NKeyValueHeads, c.DModel, c.DHead, c.DMlp, c.DVocab, c.NCtx));
        Assert.False(c.TiedUnembed);
        Assert.Equal([64L, 100L], _model.WU.shape);
    }

    [Fact]
    public void Logits_and_every_activation_match_the_reference()
    {
        var (logits, cache) = _model.RunWithCache(Tokens());
        using var _ = cache;
        Within(JsonArrays.MaxAbsDiff(Expected("logits"), logits[0]), Tolerance, "logits");
        // The reference's "embed" is token + position embedding (= resid_pre of block 0).
        Within(JsonArrays.MaxAbsDiff(Expected("embed"), (cache["hook_embed"] + cache["hook_pos_embed"])[0]), Tolerance, "embed");
        Within(JsonArrays.MaxAbsDiff(Expected("ln_final"), cache["ln_final.hook_normalized"][0]), Tolerance, "ln_final");
        foreach (var (key, hook) in new[] { ("resid_pre", "hook_resid_pre"), ("resid_mid", "hook_resid_mid"), ("resid_post", "hook_resid_post"), ("attn_out", "hook_attn_out"), ("mlp_out", "hook_mlp_out") })
        {
            var expected = Expected(key);
            for (int l = 0; l < 2; l++)
            {
                double diff = JsonArrays.MaxAbsDiff(expected[l], cache[$"blocks.{l}.{hook}"][0]);
                Assert.True(diff < Tolerance, $"{key} layer {l}: {diff}");
            }
        }

        var patterns = Expected("attention_patterns");
        for (int l = 0; l < 2; l++)
        {
            Within(JsonArrays.MaxAbsDiff(patterns[l], cache[$"blocks.{l}.attn.hook_pattern"][0]), Tolerance, $"pattern {l}");
            // Per-head results sum (plus b_O) to the attention output.
            var summed = cache[$"blocks.{l}.attn.hook_result"].sum(2) + _model.Blocks[l].Attn.BO!;
            Within(JsonArrays.MaxAbsDiff(cache[$"blocks.{l}.hook_attn_out"], summed), 1e-5, $"hook_result sum {l}");
        }
    }

    [Fact]
    public void Logit_lens_from_the_model_api_matches_the_reference()
    {
        var lens = _expected.GetProperty("logit_lens");
        var (logits, cache) = _model.RunWithCache(Tokens(), "blocks.*.hook_resid_post", "hook_embed", "hook_pos_embed");
        using var _ = cache;
        var expected = JsonArrays.ToTensor(lens.GetProperty("logits"));
        for (int l = 0; l < 2; l++)
        {
            var lensLogits = _model.Unembed(_model.LnFinal.call(cache[$"blocks.{l}.hook_resid_post"]))[0];
            Assert.True(JsonArrays.MaxAbsDiff(expected[l], lensLogits) < Tolerance);
        }

        var embedLens = _model.Unembed(_model.LnFinal.call(cache["hook_embed"] + cache["hook_pos_embed"]))[0];
        Assert.True(JsonArrays.MaxAbsDiff(JsonArrays.ToTensor(lens.GetProperty("embed_logits_final_position")), embedLens[-1]) < Tolerance);
        Assert.True(JsonArrays.MaxAbsDiff(logits[0], _model.Unembed(_model.LnFinal.call(cache["blocks.1.hook_resid_post"]))[0]) < 1e-6);
    }

    [Fact]
    public void Resid_pre_patching_through_run_with_hooks_matches_the_reference_grid()
    {
        var patching = _expected.GetProperty("activation_patching");
        int a = patching.GetProperty("token_a").GetInt32(), b = patching.GetProperty("token_b").GetInt32();
        var corrupted = Tokens();
        corrupted = tensor(patching.GetProperty("corrupted_tokens").EnumerateArray().Select(e => e.GetInt64()).ToArray()).unsqueeze(0);
        var (_, clean) = _model.RunWithCache(Tokens(), "blocks.*.hook_resid_pre");
        using var cleanCache = clean;
        var expected = JsonArrays.ToTensor(patching.GetProperty("results"));
        for (int l = 0; l < 2; l++)
        {
            for (int p = 0; p < 12; p++)
            {
                var source = cleanCache[$"blocks.{l}.hook_resid_pre"];
                int position = p;
                var logits = _model.RunWithHooks(corrupted, ($"blocks.{l}.hook_resid_pre", (act, _) =>
                {
                    var patched = act.clone();
                    patched[.., position] = source[.., position];
                    return patched;
                }));
                float metric = (logits[0, -1, a] - logits[0, -1, b]).item<float>();
                Assert.True(Math.Abs(expected[l, p].item<float>() - metric) < Tolerance, $"layer {l} position {p}: {metric} vs {expected[l, p].item<float>()}");
            }
        }
    }

    private static void Within(double diff, double tolerance, string what) => Assert.True(diff < tolerance, $"{what}: max |diff| {diff} ≥ {tolerance}");

    public void Dispose()
    {
        _scope.Dispose();
        _model.Dispose();
    }
}
