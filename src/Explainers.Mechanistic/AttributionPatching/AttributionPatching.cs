using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Requests;
using Interp.Transformers.Models;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.AttributionPatching;

/// <summary>
/// Attribution patching (Nanda 2023): the first-order estimate of the activation-patching grid from one forward and
/// one backward pass. For each cell, patched metric ≈ metric(base run) + (source activation − base activation) ·
/// ∂metric/∂activation, the gradient taken on the base run (the corrupted prompt when denoising). Exact where the
/// metric is linear in the activation (e.g. the logit difference at <c>ln_final.hook_normalized</c>); elsewhere an
/// approximation to compare with real patching.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | mechanistic | IHookedTransformerModel | TorchSharp | through the backend | yes | 2 forward passes + 1 forward and backward |
/// </remarks>
[Explainer("AttributionPatching", ExplainerLevel.Mechanistic, typeof(AttributionPatchingOptions),
    RequiredCapabilities = [typeof(IHookedTransformerModel)],
    Description = "Gradient (first-order) approximation of the activation-patching grid in one backward pass.")]
public sealed class AttributionPatching : ExplainerBase<PromptRequest, PatchingExplanation, AttributionPatchingOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public AttributionPatching(AttributionPatchingOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<PatchingExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        var prompt = TransformerPrompt.Create(request, Name, needsCorrupted: true);
        var t = prompt.Transformer;
        var grid = PatchingGrid.Create(t, Options.Site, Options.PerPosition, prompt.Positions, Name);
        int metricPosition = prompt.ResolvePosition(Options.Position, Name);
        bool denoising = Options.Direction == "denoising";
        var raw = new float[grid.Cells.Count];
        double clean, corrupted;
        lock (prompt.Model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            var cleanTokens = prompt.ToTensor(prompt.Tokens);
            var corruptTokens = prompt.ToTensor(prompt.CorruptedTokens!);
            var (cleanLogits, cleanCache) = t.RunWithCache(cleanTokens, grid.Glob);
            var (corruptLogits, corruptCache) = t.RunWithCache(corruptTokens, grid.Glob);
            using (cleanCache)
            using (corruptCache)
            {
                var metric = PatchingMetric.Create(Options.Metric, metricPosition, request.AnswerToken, request.WrongToken, cleanLogits, corruptLogits, t.Config.DVocab, Name);
                clean = metric.Values(cleanLogits)[0];
                corrupted = metric.Values(corruptLogits)[0];
                var source = denoising ? cleanCache : corruptCache;
                var baseCache = denoising ? corruptCache : cleanCache;
                double baseMetric = denoising ? corrupted : clean;
                cancellationToken.ThrowIfCancellationRequested();

                // One forward and backward pass of the base run; a zero leaf added at every site carries its gradient.
                var leaves = new Dictionary<string, Tensor>();
                using (var grad = enable_grad())
                using (t.AddHook(grid.Glob, (activation, hook) =>
                {
                    var leaf = zeros_like(activation).requires_grad_(true);
                    leaves[hook.HookName] = leaf;
                    return activation + leaf;
                }))
                {
                    var logits = t.call(denoising ? corruptTokens : cleanTokens);
                    metric.Of(logits).sum().backward();
                }

                for (int i = 0; i < grid.Cells.Count; i++)
                {
                    var c = grid.Cells[i];
                    var name = grid.Rows[c.Row];
                    var gradient = leaves[name].grad ?? zeros_like(leaves[name]);
                    var delta = (Slice(source[name], c) - Slice(baseCache[name], c)) * Slice(gradient, c);
                    raw[i] = (float)(baseMetric + delta.sum().to(ScalarType.Float64).item<double>());
                }
            }
        }

        return Task.FromResult(ActivationPatching.ActivationPatching.Explanation(this, request, prompt, grid, raw, clean, corrupted, denoising));
    }

    private static Tensor Slice(Tensor activation, PatchCell c)
    {
        var x = activation[0];
        if (c.Head >= 0) x = x.select(1, c.Head);
        if (c.Position >= 0) x = x[c.Position];
        return x;
    }
}
