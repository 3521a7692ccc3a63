namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// The Fast TreeSHAP tables (<see cref="FastShapTree"/>) of an ensemble, built on demand and kept: a tree gets its tables
/// once a call explains enough rows to repay them (filling them costs no more than the classic algorithm on those rows)
/// and while they fit the memory budget; other trees use the classic algorithm. Thread-safe.
/// </summary>
internal sealed class FastShapTables
{
    /// <summary>Most values one tree's tables may hold (8 MiB).</summary>
    public const long MaxPerTree = 1 << 20;

    /// <summary>Most values all tables together may hold (128 MiB).</summary>
    public const long MaxTotal = 1 << 24;

    private readonly ShapTree[] _trees;
    private readonly (long Size, double Precompute, double PerRow)[] _estimates;
    private readonly FastShapTree?[] _tables;
    private readonly Lock _lock = new();
    private long _total;

    public FastShapTables(ShapTree[] trees)
    {
        _trees = trees;
        _estimates = trees.Select(FastShapTree.Estimate).ToArray();
        _tables = new FastShapTree?[trees.Length];
    }

    /// <summary>Number of trees with tables so far.</summary>
    public int Built
    {
        get
        {
            lock (_lock) return _tables.Count(t => t is not null);
        }
    }

    /// <summary>The tables to use for a call on <paramref name="rows"/> rows (null entries: classic algorithm).</summary>
    public FastShapTree?[] For(int rows)
    {
        lock (_lock)
        {
            for (int t = 0; t < _trees.Length; t++)
            {
                var (size, precompute, perRow) = _estimates[t];
                if (_tables[t] is not null || size <= 0 || size > MaxPerTree || _total + size > MaxTotal) continue;
                if (precompute > perRow * rows) continue;
                _tables[t] = FastShapTree.Create(_trees[t]);
                _total += size;
            }

            return (FastShapTree?[])_tables.Clone();
        }
    }
}
