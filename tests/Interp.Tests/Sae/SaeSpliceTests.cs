using Interp.Backends.TorchSharp.Hooks;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Evaluation;
using Interp.Sae.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>Splicing an SAE into a hand-built TorchSharp model at a <see cref="HookPoint"/>: ce_loss_score and kl_div_score.</summary>
public sealed class SaeSpliceTests
{
    /// <summary>embed → hook_resid → tanh(linear) → unembed, logits [batch, pos, vocab].</summary>
    private sealed class TinyLm : nn.Module<Tensor, Tensor>
    {
        private readonly Embedding _embed;
        private readonly TorchSharp.Modules.Linear _mlp, _unembed;

        public TinyLm(int vocab, int d) : base("TinyLm")
        {
            torch.manual_seed(12);
            _embed = nn.Embedding(vocab, d);
            _mlp = nn.Linear(d, d);
            _unembed = nn.Linear(d, vocab);
            Hook = new HookPoint("blocks.0.hook_resid_mid");
            RegisterComponents();
        }

        public HookPoint Hook { get; }

        public override Tensor forward(Tensor tokens)
        {
            var resid = Hook.call(_embed.call(tokens));
            return _unembed.call(resid + _mlp.call(resid).tanh());
        }
    }

    private static (TinyLm Model, Tensor Tokens, RunWithHookReplaced Run) Setup()
    {
        var model = new TinyLm(13, 6);
        var tokens = torch.tensor(Enumerable.Range(0, 40).Select(i => (long)(i * 7 % 13)).ToArray(), [4, 10]);
        RunWithHookReplaced run = replace =>
        {
            using var scope = new HookScope();
            if (replace is not null) scope.Add([model.Hook], model.Hook.HookName, (a, _) => replace(a));
            using var noGrad = torch.no_grad();
            return model.call(tokens);
        };
        return (model, tokens, run);
    }

    private static SparseAutoencoder TrainedLikeSae(int d)
    {
        var config = new SaeConfig("topk", d, 12) { K = 2, HookName = "blocks.0.hook_resid_mid" };
        using var training = new TopKArchitecture().CreateTraining(config, new SaeTrainingOptions(), new SaeRandom(2));
        return training.ToInference();
    }

    [Fact]
    public void SplicingTheSaeWithItsErrorTermLeavesTheLogitsUnchanged()
    {
        var (model, _, run) = Setup();
        using var sae = TrainedLikeSae(6);
        var clean = run(null);
        var spliced = run(SaeSplice.Replacement(sae));
        var withError = run(SaeSplice.Replacement(sae, addErrorTerm: true));
        Assert.True((clean - spliced).abs().max().item<float>() > 1e-2, "the reconstruction alone must change the logits for this test to mean anything");
        Assert.True(torch.allclose(clean, withError, rtol: 1e-6, atol: 1e-6), $"max diff {(clean - withError).abs().max().item<float>()}");
        Assert.Equal(0, model.Hook.HookCount);
    }

    [Fact]
    public void HookFunctionWorksThroughAScopedHook()
    {
        var (model, tokens, run) = Setup();
        using var sae = TrainedLikeSae(6);
        Tensor viaHook;
        using (var scope = new HookScope().Add([model.Hook], sae.Config.HookName, SaeSplice.Hook(sae)))
        using (torch.no_grad())
        {
            viaHook = model.call(tokens);
        }

        Assert.True(torch.allclose(viaHook, run(SaeSplice.Replacement(sae)), rtol: 0, atol: 0));
        Assert.Equal(0, model.Hook.HookCount);
    }

    [Fact]
    public void IdentitySaeScoresOneAndZeroAblationScoresZero()
    {
        var (_, tokens, run) = Setup();
        using var identity = SaeTestKit.IdentitySae(6);
        var m = SaeSplice.Evaluate(run, tokens, identity);
        Assert.Equal(m.CeLossWithoutSae, m.CeLossWithSae, 12);
        Assert.Equal(1.0, m.CeLossScore, 9);
        Assert.Equal(0.0, m.KlDivWithSae, 12);
        Assert.Equal(1.0, m.KlDivScore, 9);
        Assert.True(m.CeLossWithAblation != m.CeLossWithoutSae);

        // An SAE that outputs zeros is the ablation itself: both scores 0.
        var config = new SaeConfig("standard", 6, 3) { HookName = "blocks.0.hook_resid_mid" };
        using var zero = new StandardSae(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = torch.zeros(6, 3), ["W_dec"] = torch.zeros(3, 6), ["b_enc"] = torch.zeros(3), ["b_dec"] = torch.zeros(6),
        });
        var z = SaeSplice.Evaluate(run, tokens, zero);
        Assert.Equal(0.0, z.CeLossScore, 9);
        Assert.Equal(0.0, z.KlDivScore, 9);
    }

    [Fact]
    public void CeLossMatchesTheDefinition()
    {
        var (_, tokens, run) = Setup();
        using var identity = SaeTestKit.IdentitySae(6);
        var logits = run(null).to(ScalarType.Float64);
        // Next-token cross-entropy by hand: −log softmax(logits[b, t])[tokens[b, t+1]] averaged over b and t < pos−1.
        double sum = 0;
        int n = 0;
        for (int b = 0; b < 4; b++)
        {
            for (int t = 0; t < 9; t++)
            {
                var row = logits[b, t];
                double lse = Math.Log(row.exp().sum().item<double>());
                sum += lse - row[tokens[b, t + 1].item<long>()].item<double>();
                n++;
            }
        }

        Assert.Equal(sum / n, SaeSplice.Evaluate(run, tokens, identity).CeLossWithoutSae, 10);
    }
}
