using Interp.Backends.TorchSharp.Hooks;
using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Importers.Onnx.Ops;
using Onnx;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx;

/// <summary>
/// An imported ONNX graph: constants (initializers, Constant nodes and every node computable from constants alone,
/// folded at load), and the remaining nodes as steps evaluated with TorchSharp, each output passing through a
/// <see cref="HookPoint"/> named by its ONNX value name.
/// </summary>
public sealed class OnnxGraph : IDisposable
{
    private readonly Dictionary<string, Tensor> _constants;
    private readonly List<Step> _steps;

    private OnnxGraph(Dictionary<string, Tensor> constants, List<Step> steps, IReadOnlyList<TensorSpec> inputs, IReadOnlyList<TensorSpec> outputs, int opset, bool batchified)
    {
        _constants = constants;
        _steps = steps;
        Inputs = inputs;
        Outputs = outputs;
        Opset = opset;
        Batchified = batchified;
        HookPoints = steps.SelectMany(s => s.Hooks).ToList();
    }

    /// <summary>Graph inputs (initializers excluded), as the caller provides them (float16 presented as float).</summary>
    public IReadOnlyList<TensorSpec> Inputs { get; }

    /// <summary>Graph outputs.</summary>
    public IReadOnlyList<TensorSpec> Outputs { get; }

    /// <summary>A hook point per output of every evaluated (not folded) node, in graph order.</summary>
    public IReadOnlyList<HookPoint> HookPoints { get; }

    /// <summary>The evaluated (not folded) nodes in graph order.</summary>
    public IReadOnlyList<OnnxNodeInfo> Nodes => _steps.Select(s => new OnnxNodeInfo(s.Node.OpType, s.Node.Proto.Name, s.Node.Proto.Input.ToList(), s.Node.Proto.Output.ToList())).ToList();

    /// <summary>The default-domain opset.</summary>
    public int Opset { get; }

    /// <summary>True when inputs declared a fixed batch of 1 and the graph is evaluated with any batch.</summary>
    public bool Batchified { get; }

    /// <summary>Number of nodes folded into constants at load.</summary>
    public int FoldedNodes { get; private init; }

    /// <summary>Number of nodes evaluated per forward pass.</summary>
    public int EvaluatedNodes => _steps.Count;

    /// <summary>Builds the graph from a parsed model.</summary>
    internal static OnnxGraph Build(ModelProto model, string path, Device device)
    {
        var graph = model.Graph;
        int opset = (int)(model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 1);
        var missing = graph.Node
            .Where(n => !(n.Domain is "" or "ai.onnx") || !OnnxOpRegistry.TryGet(n.OpType, out _))
            .Select(n => $"{(n.Domain is "" or "ai.onnx" ? "" : n.Domain + ".")}{n.OpType} (node '{(string.IsNullOrEmpty(n.Name) ? n.Output.FirstOrDefault() : n.Name)}')")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InterpException($"Model file '{path}' uses operators the importer does not support: {string.Join(", ", missing)}.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        var constants = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer)
        {
            // clone(): own, aligned storage (a tensor made from a managed array may wrap it; unaligned GEMM operands
            // are slower and change the rounding).
            using var read = OnnxTensorReader.Read(init, directory, $"Model file '{path}', initializer '{init.Name}'");
            constants[init.Name] = read.to(device).clone().DetachFromDisposeScope();
        }

        var inputs = graph.Input.Where(v => !constants.ContainsKey(v.Name)).ToList();
        bool batchified = inputs.Any(v => v.Type?.TensorType?.Shape?.Dim.FirstOrDefault() is { DimValue: 1 });
        var inputSpecs = inputs.Select(v => Spec(v, batchified)).ToList();
        var outputSpecs = graph.Output.Select(v => Spec(v, batchified)).ToList();

        var steps = new List<Step>();
        int folded = 0;
        foreach (var proto in graph.Node)
        {
            var node = new OnnxNode(proto, opset, directory) { BatchCarrying = batchified };
            OnnxOpRegistry.TryGet(proto.OpType, out var op);
            bool foldable = proto.Input.All(i => i.Length == 0 || constants.ContainsKey(i));
            if (foldable)
            {
                using var scope = NewDisposeScope();
                var outputs = op(node, proto.Input.Select(i => i.Length == 0 ? null : constants[i]).ToArray());
                for (int k = 0; k < proto.Output.Count && k < outputs.Length; k++)
                {
                    if (proto.Output[k].Length > 0) constants[proto.Output[k]] = outputs[k].to(device).clone().DetachFromDisposeScope();
                }

                folded++;
                continue;
            }

            steps.Add(new Step(node, op, proto.Output.Select(o => new HookPoint(o)).ToArray()));
        }

        return new OnnxGraph(constants, steps, inputSpecs, outputSpecs, opset, batchified) { FoldedNodes = folded };
    }

    /// <summary>Evaluates the graph; returns every graph output by name (tensors in the caller's dispose scope).</summary>
    /// <param name="inputs">One tensor per entry of <see cref="Inputs"/>.</param>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyList<Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != Inputs.Count)
        {
            throw new InterpException($"The model takes {Inputs.Count} input(s) ({string.Join(", ", Inputs)}), got {inputs.Count}.");
        }

        var values = new Dictionary<string, Tensor>(_constants, StringComparer.Ordinal);
        for (int k = 0; k < inputs.Count; k++)
        {
            var x = inputs[k];
            CheckInput(Inputs[k], x);
            values[Inputs[k].Name] = Inputs[k].ElementType == typeof(float) && x.dtype != ScalarType.Float32 ? x.to_type(ScalarType.Float32) : x;
        }

        foreach (var step in _steps)
        {
            var args = new Tensor?[step.Node.Proto.Input.Count];
            for (int a = 0; a < args.Length; a++)
            {
                var name = step.Node.Proto.Input[a];
                if (name.Length == 0) continue;
                args[a] = values.TryGetValue(name, out var v) ? v : throw step.Node.Error($"input '{name}' is not computed by any earlier node");
            }

            Tensor[] outputs;
            try
            {
                outputs = step.Op(step.Node, args);
            }
            catch (System.Runtime.InteropServices.ExternalException ex)
            {
                throw step.Node.Error($"failed on inputs {string.Join(" ", args.Select(t => t is null ? "-" : "[" + string.Join(",", t.shape) + "]"))}: {ex.Message.Split('\n')[0]}");
            }

            for (int k = 0; k < step.Hooks.Length && k < outputs.Length; k++)
            {
                if (step.Node.Proto.Output[k].Length == 0) continue;
                values[step.Node.Proto.Output[k]] = step.Hooks[k].call(outputs[k]);
            }
        }

        return Outputs.ToDictionary(o => o.Name, o => values.TryGetValue(o.Name, out var v) ? v : throw new InterpException($"Graph output '{o.Name}' is never computed."), StringComparer.Ordinal);
    }

    private static void CheckInput(TensorSpec spec, Tensor x)
    {
        bool isFloat = x.is_floating_point();
        if (spec.ElementType == typeof(float) != isFloat)
        {
            throw new InterpException($"Input '{spec.Name}' takes {(spec.ElementType == typeof(float) ? "floats" : "integers")}, got {x.dtype} values.");
        }

        var shape = x.shape;
        bool ok = spec.Shape.Count == 0 || (spec.Shape.Count == shape.Length && spec.Shape.Select((d, i) => d < 0 || d == shape[i]).All(b => b));
        if (!ok)
        {
            throw new InterpException(
                $"Input '{spec.Name}' must have shape [{string.Join(",", spec.Shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}], got [{string.Join(",", shape)}].");
        }
    }

    private static TensorSpec Spec(ValueInfoProto v, bool batchified)
    {
        var tensorType = v.Type?.TensorType;
        var type = tensorType is null || OnnxTensorReader.IsFloat(tensorType.ElemType) ? typeof(float) : typeof(long);
        var dims = tensorType?.Shape?.Dim.Select(d => d.DimValue > 0 ? (int)d.DimValue : -1).ToArray() ?? [];
        if (batchified && dims.Length > 0) dims[0] = -1;
        return new TensorSpec(v.Name, type, dims);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _constants.Values) t.Dispose();
        _constants.Clear();
        foreach (var h in HookPoints) h.Dispose();
    }

    private sealed record Step(OnnxNode Node, OnnxOp Op, HookPoint[] Hooks);
}
