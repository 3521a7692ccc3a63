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
    public override Task<PatchingExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(PatchingRun.Execute(this, request, run =>
        {
            cancellationToken.ThrowIfCancellationRequested();

            // One forward and backward pass of the base run; a zero leaf added at every site carries its gradient.
            var leaves = new Dictionary<string, Tensor>();
            using (var grad = enable_grad())
            using (run.Transformer.AddHook(run.Grid.Glob, (activation, hook) =>
            {
                var leaf = zeros_like(activation).requires_grad_(true);
                leaves[hook.HookName] = leaf;
                return activation + leaf;
            }))
            {
                run.Metric.Of(run.Transformer.call(run.BaseTokens)).sum().backward();
            }

            var raw = new float[run.Grid.Cells.Count];
            for (int i = 0; i < raw.Length; i++)
            {
                var c = run.Grid.Cells[i];
                var name = run.Grid.Rows[c.Row];
                var gradient = leaves[name].grad ?? zeros_like(leaves[name]);
                var delta = (c.Of(run.Source[name][0]) - c.Of(run.Base[name][0])) * c.Of(gradient[0]);
                raw[i] = (float)(run.BaseMetric + delta.sum().to(ScalarType.Float64).item<double>());
            }

            return raw;
        }));
}
