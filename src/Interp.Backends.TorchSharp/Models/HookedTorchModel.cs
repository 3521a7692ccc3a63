using Interp.Backends.TorchSharp.Hooks;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp.Models;

/// <summary>
/// A <see cref="TorchModel"/> whose activation sites are <see cref="HookPoint"/>s: scoped hooks by name or glob,
/// run-with-cache, and gradients with respect to any named activation.
/// </summary>
public class HookedTorchModel : TorchModel, ILayerDifferentiable, IMemoryFootprint
{
    /// <summary>Wraps a forward function whose activations pass through <paramref name="hookPoints"/>.</summary>
    /// <param name="forward">Inputs → output, batch first.</param>
    /// <param name="hookPoints">The hook points, in forward order.</param>
    /// <param name="inputs">Input specs.</param>
    /// <param name="output">Output spec.</param>
    /// <param name="source">Where the model came from.</param>
    /// <param name="device">Where to run.</param>
    /// <param name="owner">Disposed with the model.</param>
    public HookedTorchModel(Func<Tensor[], Tensor> forward, IReadOnlyList<HookPoint> hookPoints, IReadOnlyList<TensorSpec> inputs, TensorSpec output, ModelSource source, ComputeDevice? device = null, IDisposable? owner = null)
        : base(forward, inputs, output, source, device, owner)
    {
        ArgumentNullException.ThrowIfNull(hookPoints);
        HookPoints = hookPoints;
    }

    /// <summary>The hook points in forward order.</summary>
    public IReadOnlyList<HookPoint> HookPoints { get; }

    private long? _bytesPerRow;

    /// <summary>
    /// Measured once: every activation that passes a hook point in a one-row forward pass, counted twice (the
    /// activation and its gradient), plus the inputs and the output.
    /// </summary>
    public long BytesPerRow(IReadOnlyList<INdArray> oneRow)
    {
        ArgumentNullException.ThrowIfNull(oneRow);
        if (_bytesPerRow is long known) return known;
        lock (Gate)
        {
            long bytes = oneRow.Sum(i => (long)i.Length * 4);
            using var scope = NewDisposeScope();
            using var hooks = AddHook("**", (activation, _) =>
            {
                bytes += 2 * activation.numel() * activation.element_size();
                return null;
            });
            using var noGrad = no_grad();
            var output = Run(oneRow.Select(i => TorchTensors.ToTensor(i, TorchDevice)).ToArray());
            bytes += output.numel() * output.element_size();
            _bytesPerRow = bytes;
            return bytes;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> HookPointNames => HookPoints.Select(h => h.HookName).ToList();

    /// <summary>Adds a hook to every hook point matching <paramref name="nameOrGlob"/>; dispose the scope to remove it.</summary>
    /// <param name="nameOrGlob">A hook name or glob.</param>
    /// <param name="function">The hook.</param>
    public HookScope AddHook(string nameOrGlob, HookFunction function) => new HookScope().Add(HookPoints, nameOrGlob, function);

    /// <summary>Runs the model and caches the activations of the hook points matching <paramref name="names"/> (all when none given).</summary>
    /// <param name="inputs">Inputs on <see cref="TorchModel.TorchDevice"/>.</param>
    /// <param name="names">Names or globs to cache.</param>
    /// <returns>The output (in the caller's dispose scope) and the cache (dispose it).</returns>
    public (Tensor Output, ActivationCache Cache) RunWithCache(Tensor[] inputs, params string[] names)
    {
        lock (Gate)
        {
            return RunWithCacheCore(inputs, names);
        }
    }

    private (Tensor Output, ActivationCache Cache) RunWithCacheCore(Tensor[] inputs, string[] names)
    {
        var cache = new ActivationCache();
        using var scope = new HookScope();
        try
        {
            foreach (var name in names.Length == 0 ? ["**"] : names)
            {
                scope.Add(HookPoints, name, (activation, hook) =>
                {
                    cache.Store(hook.HookName, activation);
                    return null;
                });
            }

            using var noGrad = no_grad();
            return (Run(inputs), cache);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public LayerGradientResult LayerGradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, string layer, NdArray<float>? replacement = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        cancellationToken.ThrowIfCancellationRequested();
        lock (Gate)
        {
            return LayerGradientsCore(inputs, targets, layer, replacement);
        }
    }

    private LayerGradientResult LayerGradientsCore(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, string layer, NdArray<float>? replacement)
    {
        using var scope = NewDisposeScope();
        Tensor? captured = null;
        using var hooks = AddHook(layer, (activation, hook) =>
        {
            if (captured is not null) throw new Explainers.InterpException($"Hook point '{layer}' is reached more than once per forward pass; layer methods need a single activation.");
            Tensor leaf;
            if (replacement is not null)
            {
                if (!replacement.Shape.Select(d => (long)d).SequenceEqual(activation.shape))
                {
                    throw new Explainers.InterpException($"Layer '{layer}': the replacement has shape {NdArray<float>.Format(replacement.Shape)}, the activation [{string.Join(",", activation.shape)}].");
                }

                leaf = TorchTensors.ToTensor(replacement, activation.device).to(activation.dtype).requires_grad_(true);
            }
            else
            {
                leaf = activation.requires_grad ? activation : activation.detach().requires_grad_(true);
            }

            captured = leaf;
            return leaf;
        });
        var xs = inputs.Select(i => TorchTensors.ToTensor(i, TorchDevice)).ToArray();
        var output = Run(xs);
        if (captured is null) throw new Explainers.InterpException($"Hook point '{layer}' was not reached by the forward pass.");
        var grad = global::TorchSharp.torch.autograd.grad([SelectTargets(output, targets).sum()], [captured], allow_unused: true)[0];
        var activationArray = TorchTensors.ToFloat(captured);
        return new LayerGradientResult(
            activationArray,
            grad is null || grad.IsInvalid ? NdArray<float>.Zeros(activationArray.ShapeArray) : TorchTensors.ToFloat(grad),
            TorchTensors.ToFloat(output));
    }

    /// <inheritdoc />
    public NdArray<float> RunWithHooks(IReadOnlyList<INdArray> inputs, IReadOnlyDictionary<string, Func<string, NdArray<float>, NdArray<float>>> hooks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(hooks);
        cancellationToken.ThrowIfCancellationRequested();
        lock (Gate)
        {
            return RunWithHooksCore(inputs, hooks);
        }
    }

    private NdArray<float> RunWithHooksCore(IReadOnlyList<INdArray> inputs, IReadOnlyDictionary<string, Func<string, NdArray<float>, NdArray<float>>> hooks)
    {
        using var scope = NewDisposeScope();
        using var hookScope = new HookScope();
        foreach (var (name, function) in hooks)
        {
            hookScope.Add(HookPoints, name, (activation, hook) =>
            {
                var replaced = function(hook.HookName, TorchTensors.ToFloat(activation));
                return TorchTensors.ToTensor(replaced, activation.device).to(activation.dtype);
            });
        }

        using var noGrad = no_grad();
        var xs = inputs.Select(i => TorchTensors.ToTensor(i, TorchDevice)).ToArray();
        return TorchTensors.ToFloat(Run(xs));
    }
}
