using Interp.Explainers.Hosting;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Toolkit.Perturbation;

/// <summary>
/// Evaluates many perturbed copies of the attributed input in batches (the other model inputs are copied from the
/// perturbed row's example) and returns the target output of each. One model call per batch; cancellation is
/// checked before every call, so a cancelled run stops within one more batch.
/// </summary>
public sealed class PerturbationEvaluator
{
    private readonly AttributionSetup _setup;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="setup">The validated request.</param>
    /// <param name="rowsPerBatch">Rows per model call (at least 1).</param>
    /// <param name="counter">Counts the calls.</param>
    public PerturbationEvaluator(AttributionSetup setup, int rowsPerBatch, ModelCallCounter counter)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(counter);
        _setup = setup;
        RowsPerBatch = Math.Max(1, rowsPerBatch);
        Counter = counter;
    }

    /// <summary>
    /// The most rows one call takes when the batch size is planned rather than set: enough to amortise a call, few
    /// enough that a small model's intermediate activations stay in cache (on an MLP 30→64→1, 8,192-row calls run
    /// KernelSHAP about twice as fast as calls of the whole memory budget). Set <c>PerturbationsPerEval</c> to override.
    /// </summary>
    public const int MaxPlannedRows = 8192;

    /// <summary>Rows per model call.</summary>
    public int RowsPerBatch { get; }

    /// <summary>The call counter.</summary>
    public ModelCallCounter Counter { get; }

    /// <summary>
    /// The batch size to use: <paramref name="perturbationsPerEval"/> when positive, else what fits in the
    /// planner's memory budget for this model's input and output rows, at most <see cref="MaxPlannedRows"/>.
    /// </summary>
    /// <param name="setup">The validated request.</param>
    /// <param name="planner">The memory budget.</param>
    /// <param name="perturbationsPerEval">An explicit batch size, or 0.</param>
    public static int PlanRows(AttributionSetup setup, IBatchPlanner planner, int perturbationsPerEval)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(planner);
        if (perturbationsPerEval > 0) return perturbationsPerEval;
        long bytes = setup.OutputLength * 4L;
        foreach (var input in setup.Request.Inputs)
        {
            int elementSize = input.ElementType == typeof(long) || input.ElementType == typeof(double) ? 8 : 4;
            bytes += (long)(input.Length / Math.Max(1, input.Shape[0])) * elementSize;
        }

        return Math.Min(planner.RowsPerBatch(bytes), MaxPlannedRows);
    }

    /// <summary>Evaluates <paramref name="total"/> perturbed rows and returns the target output of each.</summary>
    /// <param name="total">Number of rows.</param>
    /// <param name="exampleOf">The example each row belongs to (rows of one example should be contiguous for speed, not required).</param>
    /// <param name="fill">Writes row k's attributed input into the span (pre-filled with the example's input).</param>
    /// <param name="cancellationToken">Checked before every call.</param>
    /// <remarks>
    /// Batches are built on the calling thread into one reused buffer (the last, shorter batch gets its own array), so a
    /// long run allocates almost nothing. Building them on another thread while the model runs was measured and dropped:
    /// a thread allocating during TorchSharp's native calls lets the GC finalize the Scalars TorchSharp creates
    /// implicitly while libtorch still reads them (dotnet/TorchSharp#1434), which corrupts results.
    /// </remarks>
    public float[] Evaluate(int total, Func<int, int> exampleOf, Action<int, Span<float>> fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exampleOf);
        ArgumentNullException.ThrowIfNull(fill);
        var results = new float[total];
        float[]? buffer = null;
        for (int start = 0; start < total; start += RowsPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(RowsPerBatch, total - start);
            if (count == RowsPerBatch) buffer ??= new float[count * _setup.ExampleLength];
            var (examples, batchInputs) = PerturbedBatch.Build(_setup, start, count, exampleOf, fill, count == RowsPerBatch ? buffer : null);
            var outputs = _setup.Model.Predict(batchInputs, cancellationToken);
            Counter.Record(count);
            if (outputs.Rank == 0 || outputs.Shape[0] != count || outputs.RowLength != _setup.OutputLength)
            {
                throw new InterpException($"Model output '{_setup.Model.Output.Name}' changed shape between calls: got {NdArray<float>.Format(outputs.Shape)} for {count} rows.");
            }

            for (int r = 0; r < count; r++)
            {
                results[start + r] = outputs.Data[r * _setup.OutputLength + _setup.Targets[examples[r]]];
            }
        }

        return results;
    }
}
