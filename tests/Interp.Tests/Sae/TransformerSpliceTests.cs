using Interp.Explainers;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Evaluation;
using Interp.Sae.Training;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>ce_loss_score and kl_div_score with an SAE spliced into the real stories260K.</summary>
public sealed class TransformerSpliceTests : IDisposable
{
    private const string Hook = "blocks.2.hook_resid_post";
    private readonly StoriesKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void IdentitySaeScoresOneOnStories260K()
    {
        using var identity = Identity();
        var windows = _kit.Windows(64, 4);
        var m = TransformerSplice.Evaluate(_kit.Model, identity, windows, batchWindows: 2);
        Assert.Equal(1.0, m.CeLossScore, 4);
        Assert.Equal(1.0, m.KlDivScore, 4);
        Assert.True(m.KlDivWithSae < 1e-6, $"kl {m.KlDivWithSae}");
        Assert.True(m.CeLossWithAblation > m.CeLossWithoutSae + 0.1, "zero-ablating the residual stream must hurt");
        Assert.All(_kit.Model.Transformer.HookPoints, h => Assert.Equal(0, h.HookCount));
    }

    [Fact]
    public void ErrorTermAddedBackLeavesStoriesLogitsUnchanged()
    {
        var config = new SaeConfig("topk", 64, 96) { K = 4, HookName = Hook };
        using var training = new TopKArchitecture().CreateTraining(config, new SaeTrainingOptions(), new SaeRandom(3));
        using var sae = training.ToInference();
        using var scope = NewDisposeScope();
        var windows = _kit.Windows(48, 2);
        var tokens = tensor(windows.SelectMany(w => w.Select(t => (long)t)).ToArray(), [2, 48]);
        var run = TransformerSplice.Runner(_kit.Model, Hook, tokens);
        var clean = run(null);
        var spliced = run(SaeSplice.Replacement(sae));
        var withError = run(SaeSplice.Replacement(sae, addErrorTerm: true));
        Assert.True((clean - spliced).abs().max().item<float>() > 1e-2);
        Assert.True(allclose(clean, withError, rtol: 1e-5, atol: 1e-5), $"max diff {(clean - withError).abs().max().item<float>()}");
        var m = SaeSplice.Evaluate(run, tokens, sae);
        Assert.True(m.CeLossScore < 1.0);
    }

    [Fact]
    public void SaeOfAnotherWidthIsRefused()
    {
        using var wrong = SaeTestKit.IdentitySae(32);
        using var renamed = SaeArchitectureRegistry.CreateDefault().Get("standard").Create(wrong.Config with { HookName = Hook }, wrong.Parameters.ToDictionary(p => p.Key, p => p.Value.clone()));
        var ex = Assert.Throws<InterpException>(() => TransformerSplice.Evaluate(_kit.Model, renamed, _kit.Windows(16, 1)));
        Assert.Contains("d_in 32", ex.Message);
    }

    private static SparseAutoencoder Identity()
    {
        using var sae = SaeTestKit.IdentitySae(64);
        return SaeArchitectureRegistry.CreateDefault().Get("standard").Create(sae.Config with { HookName = Hook }, sae.Parameters.ToDictionary(p => p.Key, p => p.Value.clone()));
    }
}
