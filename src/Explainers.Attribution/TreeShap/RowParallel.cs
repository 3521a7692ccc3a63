using System.Runtime.ExceptionServices;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Runs a body over row indices on up to N threads, each with its own state (walker, buffers); checks cancellation
/// between rows and rethrows the first failure as itself (not wrapped).
/// </summary>
internal static class RowParallel
{
    public static void For<TState>(int rows, int threads, Func<TState> state, Action<TState, int> body, CancellationToken cancellationToken)
    {
        if (threads <= 1 || rows < 2)
        {
            var s = state();
            for (int r = 0; r < rows; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(s, r);
            }

            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        int chunk = Math.Max(1, rows / (threads * 8));
        int chunks = (rows + chunk - 1) / chunk;
        try
        {
            Parallel.For(0, chunks, options, state, (c, _, s) =>
            {
                int end = Math.Min(rows, (c + 1) * chunk);
                for (int r = c * chunk; r < end; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    body(s, r);
                }

                return s;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
