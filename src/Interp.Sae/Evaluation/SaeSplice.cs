using Interp.Backends.TorchSharp;
using Interp.Backends.TorchSharp.Hooks;

namespace Interp.Sae.Evaluation;

/// <summary>
/// Splicing an SAE into a model at its hook, and the downstream metrics <c>ce_loss_score</c> and
/// <c>kl_div_score</c> (next-token loss with the reconstruction spliced in, against the clean run and a zero
/// ablation of the hook).
/// </summary>
public static class SaeSplice
{
    /// <summary>The replacement x → x̂ (or x̂ + (x − x̂) with <paramref name="addErrorTerm"/>, which leaves the model unchanged).</summary>
    /// <param name="sae">The SAE.</param>
    /// <param name="addErrorTerm">Add the SAE's error term back.</param>
    public static Func<Tensor, Tensor> Replacement(SparseAutoencoder sae, bool addErrorTerm = false)
    {
        ArgumentNullException.ThrowIfNull(sae);
        return x =>
        {
            var reconstruction = sae.Forward(x.to(ScalarType.Float32)).to(x.dtype);
            return addErrorTerm ? reconstruction + (x - reconstruction) : reconstruction;
        };
    }

    /// <summary>The replacement as a <see cref="HookFunction"/> for <c>HookedTorchModel.AddHook(sae.Config.HookName, ...)</c>.</summary>
    /// <param name="sae">The SAE.</param>
    /// <param name="addErrorTerm">Add the SAE's error term back.</param>
    public static HookFunction Hook(SparseAutoencoder sae, bool addErrorTerm = false)
    {
        var replace = Replacement(sae, addErrorTerm);
        return (activation, _) => replace(activation);
    }

    /// <summary>
    /// ce_loss_score and kl_div_score on <paramref name="tokens"/> <c>[batch, pos]</c> (int64): next-token
    /// cross-entropy over positions 0..pos−2 predicting 1..pos−1, KL per token averaged.
    /// </summary>
    /// <param name="run">Runs the model with the hook replaced.</param>
    /// <param name="tokens">The evaluation tokens.</param>
    /// <param name="sae">The SAE.</param>
    public static SpliceMetrics Evaluate(RunWithHookReplaced run, Tensor tokens, SparseAutoencoder sae)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(sae);
        TorchRuntime.ApplyThreads();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var clean = run(null).to(ScalarType.Float64);
        var spliced = run(Replacement(sae)).to(ScalarType.Float64);
        var ablated = run(x => zeros_like(x)).to(ScalarType.Float64);
        var targets = tokens.to(ScalarType.Int64)[.., 1..];
        double ceClean = NextTokenLoss(clean, targets), ceSae = NextTokenLoss(spliced, targets), ceAbl = NextTokenLoss(ablated, targets);
        double klSae = MeanKl(clean, spliced), klAbl = MeanKl(clean, ablated);
        return new SpliceMetrics(ceClean, ceSae, ceAbl, (ceAbl - ceSae) / (ceAbl - ceClean), klSae, klAbl, (klAbl - klSae) / klAbl);
    }

    private static double NextTokenLoss(Tensor logits, Tensor targets)
    {
        var predicted = logits[.., ..^1, ..];
        var logProbs = predicted.log_softmax(-1);
        return -logProbs.gather(-1, targets.unsqueeze(-1)).mean().item<double>();
    }

    private static double MeanKl(Tensor cleanLogits, Tensor newLogits)
    {
        var p = cleanLogits.log_softmax(-1);
        var q = newLogits.log_softmax(-1);
        return (p.exp() * (p - q)).sum(-1).mean().item<double>();
    }
}
