namespace Interp.Explainers.Models;

/// <summary>
/// Capability: the model knows which operator produces each hook point (e.g. an imported ONNX graph: hook name = value
/// name, operator = the node's op type), so explainers can find activations by kind (every <c>Softmax</c> output)
/// when value names carry no meaning.
/// </summary>
public interface IHookOperators : IHookable
{
    /// <summary>The operator type (e.g. <c>Softmax</c>, <c>MatMul</c>) of each hook point, by hook name.</summary>
    IReadOnlyDictionary<string, string> HookOperators { get; }
}
