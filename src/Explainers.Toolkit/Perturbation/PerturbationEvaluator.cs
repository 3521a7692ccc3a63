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

    /// <summary>Rows per model call.</summary>
    public int RowsPerBatch { get; }

    /// <summary>The call counter.</summary>
    public ModelCallCounter Counter { get; }

    /// <summary>
    /// The batch size to use: <paramref name="perturbationsPerEval"/> when positive, else what fits in the
    /// planner's memory budget for this model's input and output rows.
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

        return planner.RowsPerBatch(bytes);
    }

    /// <summary>Evaluates <paramref name="total"/> perturbed rows and returns the target output of each.</summary>
    /// <param name="total">Number of rows.</param>
    /// <param name="exampleOf">The example each row belongs to (rows of one example should be contiguous for speed, not required).</param>
    /// <param name="fill">Writes row k's attributed input into the span (pre-filled with the example's input).</param>
    /// <param name="cancellationToken">Checked before every call.</param>
    /// <remarks>
    /// The next batch is built on a worker thread while the model evaluates the current one (batches are still built
    /// one at a time and in order, so <paramref name="fill"/> may keep state from row to row).
    /// </remarks>
    public float[] Evaluate(int total, Func<int, int> exampleOf, Action<int, Span<float>> fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exampleOf);
        ArgumentNullException.ThrowIfNull(fill);
        var results = new float[total];
        (int[] Examples, INdArray[] Inputs) Build(int start) => PerturbedBatch.Build(_setup, start, Math.Min(RowsPerBatch, total - start), exampleOf, fill);
        Task<(int[] Examples, INdArray[] Inputs)>? next = null;
        try
        {
            for (int start = 0; start < total; start += RowsPerBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(RowsPerBatch, total - start);
                var (examples, batchInputs) = next is null ? Build(start) : next.GetAwaiter().GetResult();
                next = null;
                int following = start + RowsPerBatch;
                if (following < total) next = Task.Run(() => Build(following), cancellationToken);
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
        }
        finally
        {
            // Never leave a build running behind the caller (its fill delegate may touch the caller's state).
            if (next is not null)
            {
                try
                {
                    next.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The batch is discarded; the exception that ended the loop is the one reported.
                }
            }
        }

        return results;
    }
}
