using Interp.Backends.TorchSharp.Hooks;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Interp.Transformers.Components;

/// <summary>
/// The MLP: act(x·W_in + b_in)·W_out + b_out, or gated act(x·W_gate)·(x·W_in)·W_out (SwiGLU). Hook points
/// (TransformerLens): <c>hook_pre</c> [batch, pos, d_mlp] (the activation's input: x·W_in + b_in, or x·W_gate when
/// gated), <c>hook_pre_linear</c> (gated only: x·W_in) and <c>hook_post</c> [batch, pos, d_mlp].
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly HookedTransformerConfig _cfg;

    /// <summary>Creates the MLP with zero weights.</summary>
    /// <param name="prefix">Hook-name prefix, e.g. <c>blocks.0.mlp</c>.</param>
    /// <param name="cfg">The configuration.</param>
    internal Mlp(string prefix, HookedTransformerConfig cfg) : base(prefix)
    {
        _cfg = cfg;
        InWeight = NewParameter("in_weight", zeros(cfg.DMlp, cfg.DModel));
        OutWeight = NewParameter("out_weight", zeros(cfg.DModel, cfg.DMlp));
        if (cfg.GatedMlp) GateWeight = NewParameter("gate_weight", zeros(cfg.DMlp, cfg.DModel));
        if (cfg.HasBiases)
        {
            BIn = NewParameter("b_in", zeros(cfg.DMlp));
            BOut = NewParameter("b_out", zeros(cfg.DModel));
        }

        HookPre = Hook(prefix, "hook_pre");
        if (cfg.GatedMlp) HookPreLinear = Hook(prefix, "hook_pre_linear");
        HookPost = Hook(prefix, "hook_post");
    }

    internal Parameter InWeight { get; }

    internal Parameter OutWeight { get; }

    internal Parameter? GateWeight { get; }

    /// <summary>W_in [d_model, d_mlp] (a view).</summary>
    public Tensor WIn => InWeight.t();

    /// <summary>W_gate [d_model, d_mlp] (a view), or null when not gated.</summary>
    public Tensor? WGate => GateWeight?.t();

    /// <summary>W_out [d_mlp, d_model] (a view).</summary>
    public Tensor WOut => OutWeight.t();

    /// <summary>b_in [d_mlp], or null.</summary>
    public Parameter? BIn { get; }

    /// <summary>b_out [d_model], or null.</summary>
    public Parameter? BOut { get; }

    /// <summary><c>hook_pre</c>.</summary>
    public HookPoint HookPre { get; }

    /// <summary><c>hook_pre_linear</c> (gated MLPs only).</summary>
    public HookPoint? HookPreLinear { get; }

    /// <summary><c>hook_post</c>.</summary>
    public HookPoint HookPost { get; }

    /// <summary>The hook points in forward order.</summary>
    public IEnumerable<HookPoint> HookPoints => new[] { HookPre, HookPreLinear, HookPost }.OfType<HookPoint>();

    /// <summary>Applies the MLP to the normalized residual [batch, pos, d_model].</summary>
    /// <param name="x">The normalized residual stream.</param>
    public override Tensor forward(Tensor x)
    {
        Tensor post;
        if (GateWeight is not null)
        {
            var pre = HookPre.call(nn.functional.linear(x, GateWeight));
            var linear = HookPreLinear!.call(nn.functional.linear(x, InWeight, BIn));
            post = HookPost.call(Activate(pre) * linear);
        }
        else
        {
            var pre = HookPre.call(nn.functional.linear(x, InWeight, BIn));
            post = HookPost.call(Activate(pre));
        }

        return nn.functional.linear(post, OutWeight, BOut);
    }

    private Tensor Activate(Tensor x) => _cfg.ActivationFunction switch
    {
        ActivationFunction.Silu => x * x.sigmoid(),
        _ => 0.5 * x * (1.0 + (Math.Sqrt(2.0 / Math.PI) * (x + 0.044715 * x.pow(3.0))).tanh()),
    };

    private Parameter NewParameter(string name, Tensor value)
    {
        var p = new Parameter(value, requires_grad: false);
        register_parameter(name, p);
        return p;
    }

    private HookPoint Hook(string prefix, string name)
    {
        var hook = new HookPoint(prefix + "." + name);
        register_module(name, hook);
        return hook;
    }
}
