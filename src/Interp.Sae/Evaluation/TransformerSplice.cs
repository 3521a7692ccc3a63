using Interp.Explainers;
using Interp.Transformers.Models;

namespace Interp.Sae.Evaluation;

/// <summary>
/// <see cref="SaeSplice"/> wired to a hooked transformer: the SAE replaces its hook point (a scoped hook, removed after
/// each run) and <c>ce_loss_score</c> / <c>kl_div_score</c> are measured on held-out token windows.
/// </summary>
public static class TransformerSplice
{
    /// <summary>A <see cref="RunWithHookReplaced"/> for <paramref name="model"/> on <paramref name="tokens"/> <c>[batch, pos]</c> (int64).</summary>
    /// <param name="model">The model.</param>
    /// <param name="hookName">The hook point replaced.</param>
    /// <param name="tokens">The tokens.</param>
    public static RunWithHookReplaced Runner(IHookedTransformerModel model, string hookName, Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        return replace =>
        {
            lock (model.SyncRoot)
            {
                var t = model.Transformer;
                using var hook = t.AddHook(hookName, (a, _) => replace?.Invoke(a));
                using var noGrad = no_grad();
                return t.call(tokens.to(t.WE.device));
            }
        };
    }

    /// <summary>ce_loss_score and kl_div_score of <paramref name="sae"/> spliced at its hook, on <paramref name="windows"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="sae">The SAE (its <c>hook_name</c> names the hook point; its d_in must match the hook's width).</param>
    /// <param name="windows">Held-out token windows of equal length.</param>
    /// <param name="batchWindows">Windows per forward pass; metrics are token-weighted means over all batches.</param>
    /// <exception cref="InterpException">No windows, or the SAE does not fit the hook.</exception>
    public static SpliceMetrics Evaluate(IHookedTransformerModel model, SparseAutoencoder sae, IReadOnlyList<int[]> windows, int batchWindows = 8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0) throw new InterpException("No held-out token windows to evaluate ce_loss_score on.") { IsConfigurationError = true };
        int width = Collection.TransformerActivationSource.HookWidth(model, sae.Config.HookName);
        if (width != sae.Config.DIn) throw new InterpException($"The SAE reads '{sae.Config.HookName}' with d_in {sae.Config.DIn}, but that hook is {width} wide on this model.") { IsConfigurationError = true };
        double ceClean = 0, ceSae = 0, ceAbl = 0, klSae = 0, klAbl = 0, total = 0;
        for (int start = 0; start < windows.Count; start += batchWindows)
        {
            var part = windows.Skip(start).Take(batchWindows).ToList();
            using var scope = NewDisposeScope();
            var tokens = tensor(part.SelectMany(w => w.Select(t => (long)t)).ToArray(), [part.Count, part[0].Length]);
            var m = SaeSplice.Evaluate(Runner(model, sae.Config.HookName, tokens), tokens, sae);
            double weight = part.Count;
            ceClean += m.CeLossWithoutSae * weight;
            ceSae += m.CeLossWithSae * weight;
            ceAbl += m.CeLossWithAblation * weight;
            klSae += m.KlDivWithSae * weight;
            klAbl += m.KlDivWithAblation * weight;
            total += weight;
        }

        ceClean /= total; ceSae /= total; ceAbl /= total; klSae /= total; klAbl /= total;
        return new SpliceMetrics(ceClean, ceSae, ceAbl, (ceAbl - ceSae) / (ceAbl - ceClean), klSae, klAbl, (klAbl - klSae) / klAbl);
    }
}
