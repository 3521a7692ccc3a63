using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Requests;
using Interp.Backends.TorchSharp.Hooks;
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
    public override Task<PatchingExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(PatchingRun.Execute(this, request, run =>
        {
            var grid = run.Grid;
            var raw = new float[grid.Cells.Count];
            for (int start = 0; start < grid.Cells.Count; start += Options.CellsPerBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var batchScope = NewDisposeScope();
                var cells = grid.Cells.Skip(start).Take(Options.CellsPerBatch).ToList();
                var hooks = cells.Select(c => c.Row).Distinct().Select(r => (grid.Rows[r], (HookFunction)((activation, _) =>
                    Patch(activation, run.Source[grid.Rows[r]], cells, r)))).ToArray();
                var values = run.Metric.Values(run.Transformer.RunWithHooks(run.BaseTokens.expand(cells.Count, -1), hooks));
                for (int i = 0; i < cells.Count; i++) raw[start + i] = (float)values[i];
            }

            return raw;
        }));

    /// <summary>Batch element i of <paramref name="activation"/> gets the source's value at cell i (for cells of row <paramref name="row"/>).</summary>
    private static Tensor Patch(Tensor activation, Tensor source, IReadOnlyList<PatchCell> cells, int row)
    {
        var patched = activation.clone();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i].Row == row) cells[i].Of(patched[i]).copy_(cells[i].Of(source[0]));
        }

        return patched;
    }
}
