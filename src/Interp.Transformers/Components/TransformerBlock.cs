using Interp.Backends.TorchSharp.Hooks;
using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Transformers.Components;

/// <summary>
/// A pre-norm block: resid_mid = resid_pre + attn(ln1(resid_pre)), resid_post = resid_mid + mlp(ln2(resid_mid)).
/// Hook points: <c>blocks.{l}.hook_resid_pre</c>, <c>hook_attn_out</c>, <c>hook_resid_mid</c>, <c>hook_mlp_out</c>,
/// <c>hook_resid_post</c> (all [batch, pos, d_model]) plus those of <see cref="Ln1"/>, <see cref="Attn"/>,
/// <see cref="Ln2"/> and <see cref="Mlp"/>.
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates block <paramref name="layer"/>.</summary>
    /// <param name="layer">The layer index.</param>
    /// <param name="cfg">The configuration.</param>
    /// <param name="rotary">The shared rotary tables, or null.</param>
    internal TransformerBlock(int layer, HookedTransformerConfig cfg, RotaryEmbedding? rotary) : base($"blocks.{layer}")
    {
        Layer = layer;
        var prefix = $"blocks.{layer}";
        HookResidPre = Hook(prefix, "hook_resid_pre");
        Ln1 = new Normalization(prefix + ".ln1", cfg.NormalizationType, cfg.DModel, cfg.Eps);
        register_module("ln1", Ln1);
        Attn = new Attention(prefix + ".attn", cfg, rotary);
        register_module("attn", Attn);
        HookAttnOut = Hook(prefix, "hook_attn_out");
        HookResidMid = Hook(prefix, "hook_resid_mid");
        Ln2 = new Normalization(prefix + ".ln2", cfg.NormalizationType, cfg.DModel, cfg.Eps);
        register_module("ln2", Ln2);
        Mlp = new Mlp(prefix + ".mlp", cfg);
        register_module("mlp", Mlp);
        HookMlpOut = Hook(prefix, "hook_mlp_out");
        HookResidPost = Hook(prefix, "hook_resid_post");
    }

    /// <summary>The layer index.</summary>
    public int Layer { get; }

    /// <summary>The norm before attention (<c>ln1</c>).</summary>
    public Normalization Ln1 { get; }

    /// <summary>The attention layer (<c>attn</c>).</summary>
    public Attention Attn { get; }

    /// <summary>The norm before the MLP (<c>ln2</c>).</summary>
    public Normalization Ln2 { get; }

    /// <summary>The MLP (<c>mlp</c>).</summary>
    public Mlp Mlp { get; }

    /// <summary><c>hook_resid_pre</c>.</summary>
    public HookPoint HookResidPre { get; }

    /// <summary><c>hook_attn_out</c>.</summary>
    public HookPoint HookAttnOut { get; }

    /// <summary><c>hook_resid_mid</c>.</summary>
    public HookPoint HookResidMid { get; }

    /// <summary><c>hook_mlp_out</c>.</summary>
    public HookPoint HookMlpOut { get; }

    /// <summary><c>hook_resid_post</c>.</summary>
    public HookPoint HookResidPost { get; }

    /// <summary>The hook points in forward order.</summary>
    public IEnumerable<HookPoint> HookPoints =>
        new[] { HookResidPre }.Concat(Ln1.HookPoints).Concat(Attn.HookPoints).Concat([HookAttnOut, HookResidMid])
            .Concat(Ln2.HookPoints).Concat(Mlp.HookPoints).Concat([HookMlpOut, HookResidPost]);

    /// <summary>Runs the block on the residual stream [batch, pos, d_model].</summary>
    /// <param name="residPre">The residual stream entering the block.</param>
    public override Tensor forward(Tensor residPre)
    {
        var pre = HookResidPre.call(residPre);
        var attnOut = HookAttnOut.call(Attn.call(Ln1.call(pre)));
        var mid = HookResidMid.call(pre + attnOut);
        var mlpOut = HookMlpOut.call(Mlp.call(Ln2.call(mid)));
        return HookResidPost.call(mid + mlpOut);
    }

    private HookPoint Hook(string prefix, string name)
    {
        var hook = new HookPoint(prefix + "." + name);
        register_module(name, hook);
        return hook;
    }
}
