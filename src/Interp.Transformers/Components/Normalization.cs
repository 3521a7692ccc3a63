using Interp.Backends.TorchSharp.Hooks;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Interp.Transformers.Components;

/// <summary>
/// LayerNorm or RMSNorm over the last dimension, with TransformerLens' hook points: <c>hook_scale</c>
/// [batch, pos, 1] = √(mean(x²) + ε) (x centred first for LayerNorm) and <c>hook_normalized</c> [batch, pos, d_model]
/// (LayerNorm: after weight and bias, as TransformerLens' <c>LayerNorm</c>; RMSNorm: x / scale before the weight, as
/// its <c>RMSNorm</c>).
/// </summary>
public sealed class Normalization : nn.Module<Tensor, Tensor>
{
    private readonly NormalizationType _type;
    private readonly double _eps;

    /// <summary>Creates the norm with unit weight (and zero bias).</summary>
    /// <param name="prefix">The hook-name prefix, e.g. <c>blocks.0.ln1</c> or <c>ln_final</c>.</param>
    /// <param name="type">LayerNorm or RMSNorm.</param>
    /// <param name="length">The normalized width.</param>
    /// <param name="eps">ε.</param>
    public Normalization(string prefix, NormalizationType type, int length, float eps) : base(prefix)
    {
        _type = type;
        _eps = eps;
        W = new Parameter(ones(length), requires_grad: false);
        register_parameter("w", W);
        if (type == NormalizationType.LayerNorm)
        {
            B = new Parameter(zeros(length), requires_grad: false);
            register_parameter("b", B);
        }

        HookScale = new HookPoint(prefix + ".hook_scale");
        HookNormalized = new HookPoint(prefix + ".hook_normalized");
        register_module("hook_scale", HookScale);
        register_module("hook_normalized", HookNormalized);
    }

    /// <summary>The weight [length] (TransformerLens' <c>w</c>).</summary>
    public Parameter W { get; }

    /// <summary>The bias [length] (<c>b</c>), or null for RMSNorm.</summary>
    public Parameter? B { get; }

    /// <summary><c>hook_scale</c> [batch, pos, 1].</summary>
    public HookPoint HookScale { get; }

    /// <summary><c>hook_normalized</c> [batch, pos, length].</summary>
    public HookPoint HookNormalized { get; }

    /// <summary>The hook points in forward order.</summary>
    public IEnumerable<HookPoint> HookPoints => [HookScale, HookNormalized];

    /// <summary>Normalizes <paramref name="x"/> [..., length].</summary>
    /// <param name="x">The input.</param>
    public override Tensor forward(Tensor x)
    {
        if (_type == NormalizationType.LayerNorm)
        {
            var centred = x - x.mean([-1], keepdim: true);
            var scale = HookScale.call((centred.pow(2).mean([-1], keepdim: true) + _eps).sqrt());
            return HookNormalized.call(centred / scale * W + B!);
        }

        var rms = HookScale.call((x.pow(2).mean([-1], keepdim: true) + _eps).sqrt());
        return HookNormalized.call(x / rms) * W;
    }
}
