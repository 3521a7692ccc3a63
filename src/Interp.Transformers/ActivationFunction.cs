namespace Interp.Transformers;

/// <summary>The MLP nonlinearity (TransformerLens' <c>act_fn</c>).</summary>
public enum ActivationFunction
{
    /// <summary>The tanh approximation of GELU, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (<c>gelu_new</c>; GPT-2).</summary>
    GeluNew,

    /// <summary>x·σ(x) (<c>silu</c>; Llama's SwiGLU gate).</summary>
    Silu,
}
