using System.Text.RegularExpressions;
using Interp.Explainers;
using Interp.Transformers;

namespace Interp.Sae.Features;

/// <summary>
/// What a feature card explains: coordinates of a hook point's activations. Either an SAE's features
/// (<see cref="SaeFeatureBasis"/>: encode, decoder rows) or the hook's own coordinates (<see cref="NeuronBasis"/>: MLP
/// neurons at <c>blocks.{l}.mlp.hook_post</c>, residual dimensions), as Neuroscope shows neurons.
/// </summary>
public abstract partial class FeatureBasis
{
    /// <summary>The hook point read.</summary>
    public abstract string HookName { get; }

    /// <summary>Width of the hook's activations.</summary>
    public abstract int Width { get; }

    /// <summary>Number of features.</summary>
    public abstract int Count { get; }

    /// <summary><c>sae</c> or <c>neurons</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Feature activations <c>[n, Count]</c> (float32) of hook activations <c>[n, Width]</c>.</summary>
    /// <param name="activations">Hook activations.</param>
    public abstract Tensor Encode(Tensor activations);

    /// <summary>Feature <paramref name="feature"/>'s direction in the hook's space <c>[Width]</c> (what steering adds).</summary>
    /// <param name="feature">The feature.</param>
    public abstract Tensor HookDirection(int feature);

    /// <summary>Checks a feature index.</summary>
    /// <param name="feature">The index.</param>
    /// <exception cref="InterpException">Out of range.</exception>
    public void CheckFeature(int feature)
    {
        if (feature < 0 || feature >= Count) throw new InterpException($"Feature {feature} is outside [0, {Count}) of the {Kind} basis at '{HookName}'.") { IsConfigurationError = true };
    }

    /// <summary>
    /// A hook-space direction carried into the residual stream: identity for hooks of width d_model (<c>hook_resid_*</c>,
    /// <c>hook_attn_out</c>, <c>hook_mlp_out</c>, <c>hook_embed</c>), through W_out for <c>blocks.{l}.mlp.hook_post</c>.
    /// </summary>
    /// <param name="transformer">The model.</param>
    /// <param name="hookName">The hook the direction lives at.</param>
    /// <param name="direction">The direction <c>[width]</c>.</param>
    /// <exception cref="InterpException">A hook without a linear path to the residual stream.</exception>
    public static Tensor ToResidual(HookedTransformer transformer, string hookName, Tensor direction)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(direction);
        var m = MlpPost().Match(hookName ?? "");
        if (m.Success)
        {
            int layer = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return direction.to(ScalarType.Float32).matmul(transformer.Blocks[layer].Mlp.WOut.detach().to(ScalarType.Float32).cpu());
        }

        if (direction.shape[^1] == transformer.Config.DModel) return direction.to(ScalarType.Float32);
        throw new InterpException($"'{hookName}' has no linear path to the residual stream: output-token effects need a residual-width hook or blocks.{{l}}.mlp.hook_post.") { IsConfigurationError = true };
    }

    [GeneratedRegex(@"^blocks\.(\d+)\.mlp\.hook_post$")]
    private static partial Regex MlpPost();
}
