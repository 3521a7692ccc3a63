using System.Runtime.InteropServices;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Backends.TorchSharp.Models;

/// <summary>
/// Any differentiable forward function f(inputs) → output [batch, ...] as an Interp model (Captum's
/// <c>forward_func</c>): a TorchSharp module, a TorchScript module, or <c>post(model(x))</c> such as pooling plus
/// cosine similarity. Provides batched prediction and input gradients on the resolved device.
/// </summary>
public class TorchModel : IDifferentiable
{
    private readonly Func<Tensor[], Tensor> _forward;
    private readonly IDisposable? _owner;

    /// <summary>Wraps a forward function.</summary>
    /// <param name="forward">Inputs (batch first, on <paramref name="device"/>) → output (batch first).</param>
    /// <param name="inputs">The input specs (an empty shape means "any shape").</param>
    /// <param name="output">The output spec.</param>
    /// <param name="source">Where the model came from.</param>
    /// <param name="device">Where to run.</param>
    /// <param name="owner">Disposed with the model (e.g. the module).</param>
    public TorchModel(Func<Tensor[], Tensor> forward, IReadOnlyList<TensorSpec> inputs, TensorSpec output, ModelSource source, ComputeDevice? device = null, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(forward);
        _forward = forward;
        Inputs = inputs;
        Output = output;
        Source = source;
        Device = device ?? ComputeDevice.Cpu;
        TorchDevice = TorchRuntime.ToTorch(Device);
        _owner = owner;
    }

    /// <summary>Wraps a module with one tensor input (Captum's <c>forward_func = model</c>).</summary>
    /// <param name="module">The module (moved to <paramref name="device"/>, set to eval mode).</param>
    /// <param name="inputShape">Shape of one example (without the batch dimension).</param>
    /// <param name="device">Where to run.</param>
    public static TorchModel FromModule(nn.Module<Tensor, Tensor> module, int[] inputShape, ComputeDevice? device = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var d = device ?? ComputeDevice.Cpu;
        module.to(TorchRuntime.ToTorch(d)).eval();
        return new TorchModel(xs => module.call(xs[0]), [new TensorSpec("input", typeof(float), [-1, .. inputShape])],
            new TensorSpec("output", typeof(float), []), new ModelSource(null, null, "torchsharp"), d, module);
    }

    /// <inheritdoc />
    public ModelSource Source { get; }

    /// <inheritdoc />
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <inheritdoc />
    public TensorSpec Output { get; }

    /// <summary>
    /// Serializes model calls: hooks live on the model, so a call must not see another thread's hooks. Every public
    /// entry point (here and in subclasses) runs under this lock; it is reentrant.
    /// </summary>
    protected object Gate { get; } = new();

    /// <summary>The resolved device.</summary>
    public ComputeDevice Device { get; }

    /// <summary>The TorchSharp device.</summary>
    public Device TorchDevice { get; }

    /// <summary>Runs the forward function on tensors (for explainers working in TorchSharp directly).</summary>
    /// <param name="inputs">Inputs on <see cref="TorchDevice"/>.</param>
    public Tensor Forward(params Tensor[] inputs) => _forward(inputs);

    /// <inheritdoc />
    public NdArray<float> Predict(IReadOnlyList<INdArray> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();
        CheckInputCount(inputs.Count);
        lock (Gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var xs = inputs.Select(i => TorchTensors.ToTensor(i, TorchDevice)).ToArray();
            return TorchTensors.ToFloat(Run(xs));
        }
    }

    /// <inheritdoc />
    public GradientResult Gradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        cancellationToken.ThrowIfCancellationRequested();
        CheckInputCount(inputs.Count);
        lock (Gate)
        {
            return GradientsCore(inputs, targets);
        }
    }

    private GradientResult GradientsCore(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets)
    {
        using var scope = NewDisposeScope();
        var xs = inputs.Select(i => TorchTensors.ToTensor(i, TorchDevice)).ToArray();
        var differentiable = xs.Where(x => x.is_floating_point()).ToArray();
        foreach (var x in differentiable) x.requires_grad_(true);
        var output = Run(xs);
        var selected = SelectTargets(output, targets);
        var grads = differentiable.Length == 0 ? [] : torch.autograd.grad([selected.sum()], differentiable, allow_unused: true);
        var result = new List<NdArray<float>>();
        int g = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            if (xs[i].is_floating_point())
            {
                var grad = grads[g++];
                result.Add(grad is null || grad.IsInvalid ? NdArray<float>.Zeros(inputs[i].Shape.ToArray()) : TorchTensors.ToFloat(grad));
            }
            else
            {
                result.Add(NdArray<float>.Zeros(inputs[i].Shape.ToArray()));
            }
        }

        return new GradientResult(TorchTensors.ToFloat(output), result);
    }

    /// <summary>output.reshape(B, −1)[b, targets[b]] for every row b.</summary>
    /// <param name="output">The model output, batch first.</param>
    /// <param name="targets">One flat index per row (or one for all rows).</param>
    protected Tensor SelectTargets(Tensor output, IReadOnlyList<int> targets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(targets);
        long batch = output.shape[0];
        var flat = output.reshape(batch, -1);
        if (targets.Count != 1 && targets.Count != batch)
        {
            throw new InterpException($"targets: expected 1 or {batch} values, got {targets.Count}.");
        }

        var index = tensor(Enumerable.Range(0, (int)batch).Select(b => (long)targets[targets.Count == 1 ? 0 : b]).ToArray(), [batch, 1]).to(flat.device);
        var width = flat.shape[1];
        if (targets.Any(t => t < 0 || t >= width))
        {
            throw new InterpException($"target out of range: model output '{Output.Name}' has {width} values per example.");
        }

        return flat.gather(1, index).squeeze(1);
    }

    /// <summary>Runs the forward function and checks the result is a batch-first tensor.</summary>
    /// <param name="xs">Inputs on the device.</param>
    protected Tensor Run(Tensor[] xs)
    {
        ArgumentNullException.ThrowIfNull(xs);
        TorchRuntime.ApplyThreads();
        Tensor output;
        try
        {
            output = _forward(xs);
        }
        catch (ExternalException ex)
        {
            throw new InterpException($"The model ({Source.Path ?? Source.Format}) failed on inputs of shape {string.Join(" ", xs.Select(x => "[" + string.Join(",", x.shape) + "]"))}: {ex.Message.Split('\n')[0]}", ex);
        }

        if (output.dim() == 0 || output.shape[0] != xs[0].shape[0])
        {
            throw new InterpException($"The model's output has shape [{string.Join(",", output.shape)}]; expected the batch ({xs[0].shape[0]}) first.");
        }

        return output;
    }

    private void CheckInputCount(int count)
    {
        if (count != Inputs.Count) throw new InterpException($"The model takes {Inputs.Count} input(s) ({string.Join(", ", Inputs)}), got {count}.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the owned module.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _owner?.Dispose();
    }
}
