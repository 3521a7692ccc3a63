using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>
/// Evaluates input gradients for many rows (interpolation points, noisy copies, ...) in batches planned from the
/// memory budget, streaming each row's gradient to a callback so that nothing is kept per row. One model call per
/// batch; cancellation is checked before each.
/// </summary>
internal sealed class GradientBatches
{
    /// <summary>Without a measured footprint, backward passes are budgeted at this many input-sized buffers per row.</summary>
    private const int ActivationFactor = 8;

    private readonly AttributionSetup _setup;
    private readonly ModelCallCounter _counter;
    private readonly Func<IReadOnlyList<INdArray>, IReadOnlyList<int>, CancellationToken, GradientResult> _gradients;

    public GradientBatches(AttributionSetup setup, IBatchPlanner planner, int perEval, ModelCallCounter counter, Func<IReadOnlyList<INdArray>, IReadOnlyList<int>, CancellationToken, GradientResult>? gradients = null)
    {
        _setup = setup;
        _counter = counter;
        var model = setup.Model as IDifferentiable ?? throw new MissingCapabilityException("gradient explainer", typeof(IDifferentiable), setup.Model);
        _gradients = gradients ?? ((inputs, targets, ct) => model.Gradients(inputs, targets, ct));
        RowsPerBatch = perEval > 0 ? perEval : planner.RowsPerBatch(BytesPerRow(setup));
    }

    public int RowsPerBatch { get; }

    /// <summary>
    /// Bytes one row of a forward+backward pass keeps alive: measured by models that can (<see cref="IMemoryFootprint"/>,
    /// every activation counted), else estimated as a multiple of the input.
    /// </summary>
    internal static long BytesPerRow(AttributionSetup setup)
    {
        if (setup.Model is IMemoryFootprint footprint)
        {
            var oneRow = setup.Request.Inputs.Select(i => PerturbedBatch.Gather(i, [0])).ToList();
            return footprint.BytesPerRow(oneRow);
        }

        return ((long)setup.ExampleLength * 4 * ActivationFactor) + (setup.OutputLength * 4L);
    }

    /// <summary>Runs <paramref name="total"/> rows; <paramref name="onGradient"/> receives (row, gradient of the attributed input, target output).</summary>
    public void Run(int total, Func<int, int> exampleOf, Action<int, Span<float>> fill, Action<int, ReadOnlySpan<float>, float> onGradient, CancellationToken cancellationToken)
    {
        var request = _setup.Request;
        for (int start = 0; start < total; start += RowsPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(RowsPerBatch, total - start);
            var (examples, inputs) = PerturbedBatch.Build(_setup, start, count, exampleOf, fill);
            var result = _gradients(inputs, examples.Select(e => _setup.Targets[e]).ToArray(), cancellationToken);
            _counter.Record(count);
            var gradient = result.InputGradients[request.InputIndex];
            for (int r = 0; r < count; r++)
            {
                onGradient(start + r, gradient.Row(r), result.Outputs.Data[(r * _setup.OutputLength) + _setup.Targets[examples[r]]]);
            }
        }
    }
}
