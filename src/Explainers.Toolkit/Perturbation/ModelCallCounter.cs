namespace Interp.Explainers.Toolkit.Perturbation;

/// <summary>Counts model calls and rows evaluated, for the explanation's <c>model_calls</c>.</summary>
public sealed class ModelCallCounter
{
    private long _calls;
    private long _rows;

    /// <summary>Model calls so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Rows evaluated so far.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Records one call on <paramref name="rows"/> rows.</summary>
    /// <param name="rows">Rows in the call.</param>
    public void Record(int rows)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _rows, rows);
    }

    /// <summary>The counts as <see cref="Explanations.ModelCallStats"/>.</summary>
    public Explanations.ModelCallStats ToStats() => new(Calls, Rows);
}
