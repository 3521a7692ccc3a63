namespace Interp.Backends.TorchSharp.Hooks;

/// <summary>Hooks added together; disposing the scope removes all of them (also after an exception, with <c>using</c>).</summary>
public sealed class HookScope : IDisposable
{
    private readonly List<(HookPoint Point, long Id)> _added = [];
    private bool _disposed;

    /// <summary>How many hooks the scope holds.</summary>
    public int Count => _added.Count;

    /// <summary>Attaches <paramref name="function"/> to every hook point matching <paramref name="nameOrGlob"/>.</summary>
    /// <param name="hookPoints">The model's hook points.</param>
    /// <param name="nameOrGlob">Name or glob.</param>
    /// <param name="function">The hook.</param>
    /// <returns>This scope.</returns>
    public HookScope Add(IReadOnlyList<HookPoint> hookPoints, string nameOrGlob, HookFunction function)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(function);
        foreach (var point in HookPointNames.Resolve(hookPoints, nameOrGlob))
        {
            _added.Add((point, point.Add(function)));
        }

        return this;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var (point, id) in _added) point.Remove(id);
        _added.Clear();
    }
}
