using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Layers;

/// <summary>
/// Batched layer evaluations: for many rows of inputs (the examples, interpolation points, baselines), the
/// activation at the layer and the target's gradient with respect to it (optionally with the activation replaced),
/// streamed to a callback.
/// </summary>
internal sealed class LayerPass
{
    private readonly AttributionSetup _setup;
    private readonly ILayerDifferentiable _model;
    private readonly string _layer;
    private readonly ModelCallCounter _counter;

    public LayerPass(AttributionSetup setup, string? layer, string explainer, IBatchPlanner planner, int perEval, ModelCallCounter counter)
    {
        _setup = setup;
        _model = setup.Model as ILayerDifferentiable ?? throw new MissingCapabilityException(explainer, typeof(ILayerDifferentiable), setup.Model);
        if (string.IsNullOrWhiteSpace(layer))
        {
            throw new InterpException($"{explainer} needs a layer: set Interp:Explainers:{explainer}:Layer (CLI: --layer <hook name>); hook points include {string.Join(", ", _model.HookPointNames.Take(8))}{(_model.HookPointNames.Count > 8 ? ", ..." : "")}.") { IsConfigurationError = true };
        }

        _layer = layer;
        _counter = counter;
        RowsPerBatch = perEval > 0 ? perEval : planner.RowsPerBatch(GradientBatches.BytesPerRow(setup));
    }

    public int RowsPerBatch { get; }

    /// <summary>
    /// Runs <paramref name="total"/> rows: <paramref name="fill"/> writes row k's attributed input, <paramref name="replace"/>
    /// (optional, with the layer's per-example <paramref name="layerShape"/>) gives its layer activation replacement;
    /// <paramref name="onResult"/> gets (row, activation, gradient, target output).
    /// </summary>
    public void Run(
        int total, Func<int, int> exampleOf, Action<int, Span<float>> fill, Func<int, float[]>? replace, int[]? layerShape,
        Action<int, ReadOnlySpan<float>, ReadOnlySpan<float>, float> onResult, CancellationToken cancellationToken)
    {
        for (int start = 0; start < total; start += RowsPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(RowsPerBatch, total - start);
            var (examples, inputs) = PerturbedBatch.Build(_setup, start, count, exampleOf, fill);

            NdArray<float>? replacement = null;
            if (replace is not null)
            {
                var rows = Enumerable.Range(start, count).Select(replace).ToList();
                replacement = new NdArray<float>(rows.SelectMany(r => r).ToArray(), [count, .. layerShape ?? throw new ArgumentNullException(nameof(layerShape))]);
            }

            var result = _model.LayerGradients(inputs, examples.Select(e => _setup.Targets[e]).ToArray(), _layer, replacement, cancellationToken);
            _counter.Record(count);
            LayerShape = result.Activation.RowShape;
            for (int r = 0; r < count; r++)
            {
                onResult(start + r, result.Activation.Row(r), result.Gradient.Row(r), result.Outputs.Data[(r * _setup.OutputLength) + _setup.Targets[examples[r]]]);
            }
        }

    }

    /// <summary>The layer's per-example shape (known after a first <see cref="Run"/>).</summary>
    public int[]? LayerShape { get; private set; }

    /// <summary>Activations and gradients at the examples themselves (or at their baselines with <paramref name="atBaselines"/>).</summary>
    public (float[] Activations, float[] Gradients, int[] Shape) AtInputs(CancellationToken cancellationToken, bool atBaselines = false)
    {
        float[]? activations = null, gradients = null;
        int width = 0;
        Run(_setup.Examples, k => k, (k, row) => { if (atBaselines) _setup.Baseline(k).CopyTo(row); }, null, null, (k, a, g, _) =>
        {
            if (activations is null)
            {
                width = a.Length;
                activations = new float[_setup.Examples * width];
                gradients = new float[_setup.Examples * width];
            }

            a.CopyTo(activations.AsSpan(k * width, width));
            g.CopyTo(gradients!.AsSpan(k * width, width));
        }, cancellationToken);
        return (activations!, gradients!, LayerShape!);
    }
}
