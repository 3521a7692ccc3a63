using System.Text;
using Interp.Explainers;
using Onnx;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Ops;

/// <summary>One ONNX node as the op implementations see it: its attributes, opset and name.</summary>
internal sealed class OnnxNode
{
    private readonly Dictionary<string, AttributeProto> _attributes;

    public OnnxNode(NodeProto proto, int opset, string? modelDirectory)
    {
        Proto = proto;
        Opset = opset;
        ModelDirectory = modelDirectory;
        _attributes = proto.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public NodeProto Proto { get; }

    public string OpType => Proto.OpType;

    public string Name => string.IsNullOrEmpty(Proto.Name) ? $"{Proto.OpType}→{Proto.Output.FirstOrDefault()}" : Proto.Name;

    public int Opset { get; }

    public string? ModelDirectory { get; }

    /// <summary>Set by the importer when the model's fixed batch of 1 is treated as a dynamic batch.</summary>
    public bool BatchCarrying { get; set; }

    public bool Has(string name) => _attributes.ContainsKey(name);

    public long Int(string name, long fallback) => _attributes.TryGetValue(name, out var a) ? a.I : fallback;

    public float Float(string name, float fallback) => _attributes.TryGetValue(name, out var a) ? a.F : fallback;

    public long[]? Ints(string name) => _attributes.TryGetValue(name, out var a) ? a.Ints.ToArray() : null;

    public float[]? Floats(string name) => _attributes.TryGetValue(name, out var a) ? a.Floats.ToArray() : null;

    public string? String(string name) => _attributes.TryGetValue(name, out var a) ? Encoding.UTF8.GetString(a.S.ToByteArray()) : null;

    public Tensor? TensorAttribute(string name) =>
        _attributes.TryGetValue(name, out var a) && a.T is not null ? OnnxTensorReader.Read(a.T, ModelDirectory, $"node '{Name}' attribute '{name}'") : null;

    /// <summary>An input that must be present.</summary>
    public Tensor Required(Tensor?[] inputs, int index) =>
        index < inputs.Length && inputs[index] is { } t ? t : throw Error($"input {index} is missing");

    /// <summary>An integer list held in a (constant or computed) int64 tensor input.</summary>
    public static long[] Longs(Tensor t) => t.to_type(ScalarType.Int64).cpu().data<long>().ToArray();

    public InterpException Error(string message) => new($"ONNX node '{Name}' ({OpType}): {message}.");
}
