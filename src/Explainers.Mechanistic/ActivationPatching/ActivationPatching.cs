using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Transformers.Models;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.ActivationPatching;

/// <summary>
/// Activation patching: run the corrupted prompt with one activation replaced by its value on the clean prompt
/// (denoising; or clean with a corrupted activation, noising) for every cell of a grid — layer × position for residual
/// and block outputs, layer × head (× position) for head outputs — and report the metric of each patched run, raw and as
/// (patched − corrupted) / (clean − corrupted). Cells are evaluated as batched forward passes
/// (<see cref="ActivationPatchingOptions.CellsPerBatch"/> patched copies of the prompt per pass).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | mechanistic | IHookedTransformerModel | TorchSharp | through the backend | yes | 2 + cells / CellsPerBatch batched forward passes |
/// </remarks>
[Explainer("ActivationPatching", ExplainerLevel.Mechanistic, typeof(ActivationPatchingOptions),
    RequiredCapabilities = [typeof(IHookedTransformerModel)],
    Description = "Patch clean activations into a corrupted run (or the reverse) over a layer × position / head grid.")]
public sealed class ActivationPatching : ExplainerBase<PromptRequest, PatchingExplanation, ActivationPatchingOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public ActivationPatching(ActivationPatchingOptions options) : base(options)
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
            using var noGrad = no_grad();
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
                var baseTokens = denoising ? corruptTokens : cleanTokens;
                for (int start = 0; start < grid.Cells.Count; start += Options.CellsPerBatch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var batchScope = NewDisposeScope();
                    var cells = grid.Cells.Skip(start).Take(Options.CellsPerBatch).ToList();
                    var hooks = cells.Select(c => c.Row).Distinct().Select(r => (grid.Rows[r], (Backends.TorchSharp.Hooks.HookFunction)((activation, _) =>
                        Patch(activation, source[grid.Rows[r]], cells, r)))).ToArray();
                    var logits = t.RunWithHooks(baseTokens.expand(cells.Count, -1), hooks);
                    var values = metric.Values(logits);
                    for (int i = 0; i < cells.Count; i++) raw[start + i] = (float)values[i];
                }
            }
        }

        return Task.FromResult(Explanation(this, request, prompt, grid, raw, clean, corrupted, denoising));
    }

    /// <summary>The explanation of a grid of raw metric values (shared with attribution patching).</summary>
    internal static PatchingExplanation Explanation(IExplainer explainer, PromptRequest request, TransformerPrompt prompt, PatchingGrid grid, float[] raw, double clean, double corrupted, bool denoising)
    {
        var options = (PatchingOptions)explainer.Options;
        double span = clean - corrupted;
        var normalized = raw.Select(m => (float)((m - corrupted) / span)).ToArray();
        return new PatchingExplanation
        {
            Method = explainer.Name,
            Level = explainer.Level,
            Options = explainer.Options,
            Model = request.Model.Source,
            Labels = new ExplanationLabels { Tokens = prompt.TokenStrings(request) },
            HookPoint = options.Site,
            RowNames = grid.Rows,
            Axes = grid.Axes,
            Effects = new NdArray<float>(normalized, grid.Shape),
            RawMetrics = new NdArray<float>(raw, grid.Shape),
            Metric = options.Metric,
            Direction = denoising ? "denoising" : "noising",
            CleanMetric = clean,
            CorruptedMetric = corrupted,
            CleanTokens = prompt.Tokens,
            CorruptedTokens = prompt.CorruptedTokens,
        };
    }

    /// <summary>Batch element i of <paramref name="activation"/> gets the source's value at cell i (for cells of row <paramref name="row"/>).</summary>
    private static Tensor Patch(Tensor activation, Tensor source, IReadOnlyList<PatchCell> cells, int row)
    {
        var patched = activation.clone();
        for (int i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (c.Row != row) continue;
            var target = patched[i];
            var from = source[0];
            if (c.Head >= 0)
            {
                target = target.select(1, c.Head);   // [pos, ...]
                from = from.select(1, c.Head);
            }

            if (c.Position >= 0)
            {
                target = target[c.Position];
                from = from[c.Position];
            }

            target.copy_(from);
        }

        return patched;
    }
}
