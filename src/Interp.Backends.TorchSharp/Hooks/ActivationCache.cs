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

    internal void Store(string name, Tensor activation)
    {
        var copy = activation.detach().clone().DetachFromDisposeScope();
        if (_activations.Remove(name, out var old))
        {
            old.Dispose();
        }
        else
        {
            _order.Add(name);
        }

        _activations[name] = copy;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _activations.Values) t.Dispose();
        _activations.Clear();
        _order.Clear();
    }
}
