using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp.Hooks;

/// <summary>
/// Activations captured by a run-with-cache, keyed by hook name (TransformerLens' <c>ActivationCache</c>). The
/// tensors are detached copies owned by the cache; dispose it to free them.
/// </summary>
public sealed class ActivationCache : IDisposable
{
    private readonly Dictionary<string, Tensor> _activations = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The cached names in forward order.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>The activation cached under <paramref name="name"/>.</summary>
    /// <param name="name">A hook name.</param>
    /// <exception cref="KeyNotFoundException">Not cached; the message lists the closest cached names.</exception>
    public Tensor this[string name] => _activations.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException($"'{name}' is not in the cache. Closest: {string.Join(", ", _order.OrderBy(n => HookPointNames.Distance(n, name)).Take(5))}.");

    /// <summary>Whether <paramref name="name"/> was cached.</summary>
    /// <param name="name">A hook name.</param>
    public bool Contains(string name) => _activations.ContainsKey(name);

    /// <summary>Stores a detached copy of <paramref name="activation"/> under <paramref name="name"/>, replacing (and freeing) an earlier one.</summary>
    /// <param name="name">The hook name.</param>
    /// <param name="activation">The activation; the cache keeps its own copy.</param>
    public void Store(string name, Tensor activation) => Store(name, activation, copy: true);

    /// <summary>
    /// Stores <paramref name="activation"/> under <paramref name="name"/>: a detached copy, or (without
    /// <paramref name="copy"/>) a detached alias of the same storage, for models that never modify an activation in
    /// place after its hook point (saves a copy of every activation).
    /// </summary>
    /// <param name="name">The hook name.</param>
    /// <param name="activation">The activation.</param>
    /// <param name="copy">Copy the data (true) or share it (false).</param>
    public void Store(string name, Tensor activation, bool copy)
    {
        ArgumentNullException.ThrowIfNull(activation);
        var detached = activation.detach();
        var stored = (copy ? detached.clone() : detached).DetachFromDisposeScope();
        if (_activations.Remove(name, out var old))
        {
            old.Dispose();
        }
        else
        {
            _order.Add(name);
        }

        _activations[name] = stored;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _activations.Values) t.Dispose();
        _activations.Clear();
        _order.Clear();
    }
}
