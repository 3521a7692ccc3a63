using Interp.Explainers.Tensors;

namespace Interp.Explainers.Models;

/// <summary>
/// Capability: named activation sites (hook points, TransformerLens-style names such as
/// <c>blocks.0.hook_resid_pre</c>) that can be read and replaced during a forward pass.
/// </summary>
public interface IHookable : IPredictor
{
    /// <summary>Every hook point name, in forward order.</summary>
    IReadOnlyList<string> HookPointNames { get; }

    /// <summary>
    /// Runs the model with hooks: <paramref name="hooks"/> maps a hook point name (or glob such as
    /// <c>blocks.*.hook_resid_post</c>) to a function that receives the activation and returns it, possibly
    /// replaced. The hooks are removed when the call returns, also after an exception.
    /// </summary>
    /// <param name="inputs">Model inputs, batch first.</param>
    /// <param name="hooks">Name or glob → activation function.</param>
    /// <param name="cancellationToken">Cancels before the model call.</param>
    NdArray<float> RunWithHooks(
        IReadOnlyList<INdArray> inputs,
        IReadOnlyDictionary<string, Func<string, NdArray<float>, NdArray<float>>> hooks,
        CancellationToken cancellationToken = default);
}
