using Interp.Explainers.Mechanistic.ActivationPatching;
using Interp.Explainers.Mechanistic.AttentionPatterns;
using Interp.Explainers.Mechanistic.AttributionPatching;
using Interp.Explainers.Mechanistic.DirectLogitAttribution;
using Interp.Explainers.Mechanistic.LogitLens;
using Interp.Explainers.Mechanistic.ResidualDecomposition;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Mechanistic;

/// <summary>
/// The mechanistic explainers on gpt2_tiny against the independent PyTorch reference (shared/reference/gpt2_tiny,
/// 1e-4) and against the identities that must hold exactly: the lens at the last layer is the model, patching clean into
/// clean changes nothing, patching a whole residual layer restores the clean metric, the decomposition sums to the
/// residual and the logit difference, attribution patching is exact where the metric is linear.
/// </summary>
public sealed class Gpt2TinyExplainerTests : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly Gpt2Tiny _g = new();

    public void Dispose() => _g.Dispose();

    [Fact]
    public async Task AttentionPatternsEqualTheReference()
    {
        var e = await new AttentionPatterns(new AttentionPatternsOptions()).ExplainAsync(_g.Clean());
        Assert.Equal([2, 4, 12, 12], e.Patterns.Shape);
        Assertions.Close(_g.Array("attention_patterns"), e.Patterns, Tolerance, 0, "attention patterns");
        Assert.Equal("blocks.0.attn.hook_pattern|blocks.1.attn.hook_pattern", string.Join("|", e.Labels!.OutputNames!));
    }

    [Fact]
    public async Task LogitLensEqualsTheReferenceAndItsLastRowIsTheModel()
    {
        var e = await new LogitLens(new LogitLensOptions { IncludeLogits = true, TopK = 5 }).ExplainAsync(_g.Clean());
        Assert.Equal(["blocks.0.hook_resid_pre", "blocks.0.hook_resid_post", "blocks.1.hook_resid_post"], e.LayerNames);
        var logits = e.Logits!;
        Assert.Equal([3, 12, 100], logits.Shape);
        var lens = _g.Array("logit_lens", "logits");   // [2, 12, 100]: resid_post of each layer
        Assertions.Close(lens, new Explainers.Tensors.NdArray<float>(logits.Data.AsSpan(1200).ToArray(), 2, 12, 100), Tolerance, 0, "lens logits");
        Assertions.Close(_g.Array("logit_lens", "embed_logits_final_position"), new Explainers.Tensors.NdArray<float>(logits.Data.AsSpan(11 * 100, 100).ToArray(), 100), Tolerance, 0, "embedding lens");
        Assertions.Close(_g.Array("logits"), new Explainers.Tensors.NdArray<float>(logits.Data.AsSpan(2400).ToArray(), 12, 100), Tolerance, 0, "last lens row vs model logits");

        var top1 = _g.Array("logit_lens", "top1");
        for (int l = 0; l < 2; l++)
        {
            for (int p = 0; p < 12; p++) Assert.Equal((int)top1.Data[(l * 12) + p], e.TopTokens.Data[(((l + 1) * 12) + p) * 5]);
        }

        // The chosen token at position p is the prompt's next token; its rank is 0 exactly where it is the top token.
        Assert.Equal(_g.Tokens[1], e.ChosenTokens![0]);
        Assert.Equal(-1, e.ChosenTokens[11]);
        for (int i = 0; i < 3 * 11; i++)
        {
            int row = i / 11, p = i % 11;
            bool top = e.TopTokens.Data[((row * 12) + p) * 5] == e.ChosenTokens[p];
            Assert.Equal(top, e.ChosenRanks!.Data[(row * 12) + p] == 0);
        }
    }

    [Fact]
    public async Task ActivationPatchingOfResidPreEqualsTheReferenceGrid()
    {
        var e = await new ActivationPatching(new ActivationPatchingOptions { CellsPerBatch = 7 }).ExplainAsync(_g.Patching());
        Assert.Equal(["layer", "position"], e.Axes);
        Assert.Equal([2, 12], e.Effects.Shape);
        Assert.Equal(_g.Number("activation_patching", "clean_metric"), e.CleanMetric, Tolerance);
        Assert.Equal(_g.Number("activation_patching", "corrupted_metric"), e.CorruptedMetric, Tolerance);
        Assertions.Close(_g.Array("activation_patching", "results"), e.RawMetrics!, Tolerance, 0, "patched metrics");
        Assertions.Close(_g.Array("activation_patching", "normalized"), e.Effects, 1e-3, 0, "normalized effects");
    }

    [Fact]
    public async Task PatchingCleanIntoCleanChangesNothingAndWholeLayersRestoreTheCleanMetric()
    {
        var same = await new ActivationPatching(new ActivationPatchingOptions { Site = "attn_out" }).ExplainAsync(_g.Patching(_g.Tokens));
        Assert.All(same.RawMetrics!.Data, m => Assert.Equal(same.CleanMetric, m, 1e-5));

        // Patching resid_pre at every position of a layer is the clean run from there on.
        var t = _g.Model.Transformer;
        using var scope = NewDisposeScope();
        var clean = tensor(_g.Tokens.Select(v => (long)v).ToArray()).unsqueeze(0);
        var corrupted = tensor(_g.CorruptedTokens.Select(v => (long)v).ToArray()).unsqueeze(0);
        var expected = _g.Array("activation_patching", "patch_all_positions_metric");
        for (int l = 0; l < 2; l++)
        {
            var (_, cache) = t.RunWithCache(clean, $"blocks.{l}.hook_resid_pre");
            using (cache)
            {
                var logits = t.RunWithHooks(corrupted, ($"blocks.{l}.hook_resid_pre", (_, _) => cache[$"blocks.{l}.hook_resid_pre"]));
                double metric = logits[0, -1, 98].item<float>() - logits[0, -1, 76].item<float>();
                Assert.Equal(expected.Data[l], metric, Tolerance);
                Assert.Equal(_g.Number("activation_patching", "clean_metric"), metric, Tolerance);
            }
        }
    }

    [Fact]
    public async Task AttributionPatchingIsExactWhereTheMetricIsLinear()
    {
        var site = new { Site = "ln_final.hook_normalized" };
        var real = await new ActivationPatching(new ActivationPatchingOptions { Site = site.Site }).ExplainAsync(_g.Patching());
        var approx = await new AttributionPatching(new AttributionPatchingOptions { Site = site.Site }).ExplainAsync(_g.Patching());
        Assert.Equal(real.Effects.Shape, approx.Effects.Shape);
        Assertions.Close(real.RawMetrics!, approx.RawMetrics!, 1e-5, 1e-5, "attribution vs activation patching at ln_final.hook_normalized");

        // Elsewhere it is an approximation of the same grid, reported beside it (same shape, same endpoints).
        var resid = await new AttributionPatching(new AttributionPatchingOptions()).ExplainAsync(_g.Patching());
        Assert.Equal([2, 12], resid.Effects.Shape);
        Assert.Equal(real.CleanMetric, resid.CleanMetric, 1e-6);
    }

    [Fact]
    public async Task HeadSitesGiveLayerByHeadGridsAndPatchingEveryHeadOfTheLastLayerAtOnceIsTheAttnOutCell()
    {
        var heads = await new ActivationPatching(new ActivationPatchingOptions { Site = "z" }).ExplainAsync(_g.Patching());
        Assert.Equal(["layer", "head"], heads.Axes);
        Assert.Equal([2, 4], heads.Effects.Shape);
        var perPosition = await new ActivationPatching(new ActivationPatchingOptions { Site = "result", PerPosition = true }).ExplainAsync(_g.Patching());
        Assert.Equal([2, 4, 12], perPosition.Effects.Shape);
        Assert.All(perPosition.Effects.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public async Task ResidualDecompositionSumsToTheResidualAndDlaToTheLogitDifference()
    {
        var request = new Explainers.Requests.PromptRequest { Model = _g.Model, Tokens = _g.Tokens, AnswerToken = 98, WrongToken = 76 };
        var e = await new ResidualDecomposition(new ResidualDecompositionOptions()).ExplainAsync(request);
        Assert.Equal(11, e.Position);
        Assert.Equal(2 + (2 * (4 + 1 + 1)), e.Components.Count);   // embed, pos_embed, per layer 4 heads + attn bias + mlp
        var vectors = e.Vectors!;
        using var scope = NewDisposeScope();
        var (_, cache) = _g.Model.Transformer.RunWithCache(tensor(_g.Tokens.Select(v => (long)v).ToArray()).unsqueeze(0), "blocks.1.hook_resid_post");
        using (cache)
        {
            var final = cache["blocks.1.hook_resid_post"][0, 11].data<float>().ToArray();
            for (int j = 0; j < 64; j++)
            {
                double sum = 0;
                for (int c = 0; c < e.Components.Count; c++) sum += vectors.Data[(c * 64) + j];
                Assert.Equal(final[j], sum, 1e-4);
            }
        }

        var dla = await new DirectLogitAttribution(new DirectLogitAttributionOptions()).ExplainAsync(request);
        Assert.Equal("logit[98] - logit[76]", dla.Target);
        Assert.Equal(dla.TargetValue, dla.Contributions.Sum() + dla.BiasTerms, 1e-4);
        Assert.Equal(_g.Number("activation_patching", "clean_metric"), dla.TargetValue, Tolerance);
        Assert.Null(dla.Vectors);
    }

    [Fact]
    public async Task BadPromptsAreClearErrors()
    {
        var patching = new ActivationPatching(new ActivationPatchingOptions());
        var ex = await Assert.ThrowsAsync<Explainers.InterpException>(() => patching.ExplainAsync(_g.Patching(_g.CorruptedTokens.Take(11).ToArray())));
        Assert.Contains("equal token length", ex.Message);
        ex = await Assert.ThrowsAsync<Explainers.InterpException>(() => patching.ExplainAsync(_g.Clean()));
        Assert.Contains("corrupted prompt is required", ex.Message);
        ex = await Assert.ThrowsAsync<Explainers.InterpException>(() => new LogitLens(new LogitLensOptions()).ExplainAsync(new Explainers.Requests.PromptRequest { Model = _g.Model, Tokens = Enumerable.Repeat(1, 33).ToArray() }));
        Assert.Contains("context of 32", ex.Message);
        ex = await Assert.ThrowsAsync<Explainers.InterpException>(() => new ActivationPatching(new ActivationPatchingOptions { Site = "blocks.*.hook_resid_prez" }).ExplainAsync(_g.Patching()));
        Assert.Contains("matches no hook point", ex.Message);
    }
}
