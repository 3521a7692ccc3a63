using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Tensors;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx;

/// <summary>
/// An ONNX model imported into TorchSharp: differentiable (<see cref="IDifferentiable"/>), hookable
/// (<see cref="IHookable"/>, a hook point named by every node output's ONNX value name), with layer gradients
/// (<see cref="ILayerDifferentiable"/>) and modified backward rules (<see cref="IBackwardRules"/>: guided
/// backpropagation, deconvolution, DeepLIFT) implemented by its own op modules.
/// </summary>
public sealed class ImportedOnnxModel : HookedTorchModel, IBackwardRules, IHookOperators
{
    private IReadOnlyDictionary<string, string>? _hookOperators;

    internal ImportedOnnxModel(OnnxGraph graph, string outputName, ModelSource source, ComputeDevice device)
        : base(
            xs => graph.Run(xs)[outputName],
            graph.HookPoints,
            graph.Inputs,
            graph.Outputs.Single(o => o.Name == outputName),
            source,
            device,
            graph)
    {
        Graph = graph;
    }

    /// <summary>The imported graph (inputs, outputs, hook points, folding statistics).</summary>
    public OnnxGraph Graph { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> HookOperators =>
        _hookOperators ??= Graph.Nodes.SelectMany(n => n.Outputs.Select(o => (Value: o, n.OpType))).Where(v => v.Value.Length > 0)
            .GroupBy(v => v.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().OpType, StringComparer.Ordinal);

    /// <inheritdoc />
    public GradientResult Gradients(IReadOnlyList<INdArray> inputs, IReadOnlyList<int> targets, NonlinearityRule rule, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            using var scope = rule == NonlinearityRule.Gradient ? null : Rules.BackwardRuleScope.ForRelu(rule);
            return Gradients(inputs, targets, cancellationToken);
        }
    }

    /// <inheritdoc />
    public GradientResult DeepLiftMultipliers(IReadOnlyList<INdArray> inputs, IReadOnlyList<INdArray> references, IReadOnlyList<int> targets, double epsilon = 1e-10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(targets);
        if (references.Count != inputs.Count) throw new Explainers.InterpException($"DeepLift: {inputs.Count} input(s) but {references.Count} reference(s).");
        cancellationToken.ThrowIfCancellationRequested();
        lock (Gate)
        {
            return DeepLiftCore(inputs, references, targets, epsilon);
        }
    }

    private GradientResult DeepLiftCore(IReadOnlyList<INdArray> inputs, IReadOnlyList<INdArray> references, IReadOnlyList<int> targets, double epsilon)
    {
        using var disposeScope = NewDisposeScope();
        using var rules = Rules.BackwardRuleScope.ForDeepLift(epsilon);
        var xs = inputs.Select(i => TorchTensors.ToTensor(i, TorchDevice)).ToArray();
        var refs = references.Select(i => TorchTensors.ToTensor(i, TorchDevice)).ToArray();
        var differentiable = xs.Where(x => x.is_floating_point()).ToArray();
        foreach (var x in differentiable) x.requires_grad_(true);
        var paired = xs.Zip(refs, (x, r) =>
        {
            if (!x.shape.SequenceEqual(r.shape)) throw new Explainers.InterpException($"DeepLift: reference shape [{string.Join(",", r.shape)}] differs from the input's [{string.Join(",", x.shape)}].");
            return cat([x, r.to_type(x.dtype)], 0);
        }).ToArray();
        var output = Run(paired);
        long n = xs[0].shape[0];
        var doubled = targets.Count == 1 ? targets : targets.Concat(targets).ToList();
        var selected = SelectTargets(output, doubled);
        var grads = differentiable.Length == 0 ? [] : global::TorchSharp.torch.autograd.grad([selected.sum()], differentiable, allow_unused: true);
        var result = new List<NdArray<float>>();
        int g = 0;
        foreach (var x in xs)
        {
            var grad = x.is_floating_point() ? grads[g++] : null;
            result.Add(grad is null || grad.IsInvalid ? NdArray<float>.Zeros(x.shape.Select(d => (int)d).ToArray()) : TorchTensors.ToFloat(grad));
        }

        return new GradientResult(TorchTensors.ToFloat(output.narrow(0, 0, n)), result);
    }

    /// <summary>Evaluates every graph output (no gradients).</summary>
    /// <param name="inputs">Inputs on <see cref="TorchModel.TorchDevice"/>.</param>
    public IReadOnlyDictionary<string, Tensor> RunAllOutputs(params Tensor[] inputs)
    {
        lock (Gate)
        {
            using var noGrad = no_grad();
            return Graph.Run(inputs);
        }
    }
}
