using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Ops;

/// <summary>An ONNX operator implemented with TorchSharp (differentiable where the operator is): inputs → outputs.</summary>
/// <param name="node">The node (attributes, opset).</param>
/// <param name="inputs">The inputs; optional ones that are absent are null.</param>
internal delegate Tensor[] OnnxOp(OnnxNode node, Tensor?[] inputs);
