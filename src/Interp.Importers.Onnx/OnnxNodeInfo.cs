namespace Interp.Importers.Onnx;

/// <summary>What the importer evaluates for one ONNX node: its op type, name, inputs and outputs (= hook names).</summary>
/// <param name="OpType">The ONNX op type.</param>
/// <param name="Name">The node name (may be empty in the file).</param>
/// <param name="Inputs">Input value names.</param>
/// <param name="Outputs">Output value names; each has a hook point of the same name.</param>
public sealed record OnnxNodeInfo(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
