using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp.Hooks;

/// <summary>
/// An identity module with a name (TransformerLens' <c>HookPoint</c>): every activation site of a hooked model
/// passes through one, and hooks added to it may read or replace the activation. The hooks live on the hook point
/// itself, so they fire whether the model invokes it with <c>call</c> or <c>forward</c>.
/// </summary>
public sealed class HookPoint : nn.Module<Tensor, Tensor>
{
    private readonly List<(long Id, HookFunction Function)> _hooks = [];
    private long _nextId;

    /// <summary>Creates a hook point.</summary>
    /// <param name="hookName">The activation's name (e.g. <c>blocks.0.hook_resid_pre</c>, or an ONNX value name).</param>
    public HookPoint(string hookName) : base("HookPoint")
    {
        HookName = hookName;
    }

    /// <summary>The activation's name.</summary>
    public string HookName { get; }

    /// <summary>How many hooks are attached.</summary>
    public int HookCount => _hooks.Count;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var (_, function) in _hooks.ToArray())
        {
            x = function(x, this) ?? x;
        }

        return x;
    }

    /// <summary>Adds a hook; dispose the result to remove it.</summary>
    /// <param name="function">The hook.</param>
    internal long Add(HookFunction function)
    {
        var id = ++_nextId;
        _hooks.Add((id, function));
        return id;
    }

    /// <summary>Removes a hook added by <see cref="Add"/>.</summary>
    /// <param name="id">The hook's id.</param>
    internal void Remove(long id) => _hooks.RemoveAll(h => h.Id == id);

    /// <summary>Removes every hook.</summary>
    internal void Clear() => _hooks.Clear();
}
