using Interp.Backends.TorchSharp.Hooks;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Interp.Transformers.Components;

/// <summary>
/// Causal multi-head attention with grouped-query key/value heads and optional rotary embeddings. Hook points
/// (TransformerLens names and shapes): <c>hook_q</c> [batch, pos, n_heads, d_head], <c>hook_k</c>/<c>hook_v</c>
/// [batch, pos, n_key_value_heads, d_head], <c>hook_rot_q</c>/<c>hook_rot_k</c> (rotary only),
/// <c>hook_attn_scores</c> [batch, n_heads, query_pos, key_pos] (scaled by 1/√d_head, −∞ above the diagonal),
/// <c>hook_pattern</c> (softmax of the scores), <c>hook_z</c> [batch, pos, n_heads, d_head] and <c>hook_result</c>
/// [batch, pos, n_heads, d_model] (each head's output; computed when <see cref="HookedTransformerConfig.UseAttnResult"/>
/// is set or a hook is attached to it).
/// </summary>
public sealed class Attention : nn.Module<Tensor, Tensor>
{
    private readonly HookedTransformerConfig _cfg;
    private readonly RotaryEmbedding? _rotary;
    private readonly double _scale;

    /// <summary>Creates the layer with zero weights.</summary>
    /// <param name="prefix">Hook-name prefix, e.g. <c>blocks.0.attn</c>.</param>
    /// <param name="cfg">The configuration.</param>
    /// <param name="rotary">The shared rotary tables, or null.</param>
    internal Attention(string prefix, HookedTransformerConfig cfg, RotaryEmbedding? rotary) : base(prefix)
    {
        _cfg = cfg;
        _rotary = rotary;
        _scale = Math.Sqrt(cfg.DHead);
        int qWidth = cfg.NHeads * cfg.DHead;
        int kvWidth = cfg.NKeyValueHeads * cfg.DHead;
        QWeight = NewParameter("q_weight", zeros(qWidth, cfg.DModel));
        KWeight = NewParameter("k_weight", zeros(kvWidth, cfg.DModel));
        VWeight = NewParameter("v_weight", zeros(kvWidth, cfg.DModel));
        OWeight = NewParameter("o_weight", zeros(cfg.DModel, qWidth));
        if (cfg.HasBiases)
        {
            BQ = NewParameter("b_Q", zeros(qWidth));
            BK = NewParameter("b_K", zeros(kvWidth));
            BV = NewParameter("b_V", zeros(kvWidth));
            BO = NewParameter("b_O", zeros(cfg.DModel));
        }

        HookQ = Hook(prefix, "hook_q");
        HookK = Hook(prefix, "hook_k");
        HookV = Hook(prefix, "hook_v");
        if (rotary is not null)
        {
            HookRotQ = Hook(prefix, "hook_rot_q");
            HookRotK = Hook(prefix, "hook_rot_k");
        }

        HookAttnScores = Hook(prefix, "hook_attn_scores");
        HookPattern = Hook(prefix, "hook_pattern");
        HookZ = Hook(prefix, "hook_z");
        HookResult = Hook(prefix, "hook_result");
    }

    internal Parameter QWeight { get; }

    internal Parameter KWeight { get; }

    internal Parameter VWeight { get; }

    internal Parameter OWeight { get; }

    /// <summary>W_Q [n_heads, d_model, d_head] (a view of the weights).</summary>
    public Tensor WQ => QWeight.view(_cfg.NHeads, _cfg.DHead, _cfg.DModel).permute(0, 2, 1);

    /// <summary>W_K [n_key_value_heads, d_model, d_head] (a view).</summary>
    public Tensor WK => KWeight.view(_cfg.NKeyValueHeads, _cfg.DHead, _cfg.DModel).permute(0, 2, 1);

    /// <summary>W_V [n_key_value_heads, d_model, d_head] (a view).</summary>
    public Tensor WV => VWeight.view(_cfg.NKeyValueHeads, _cfg.DHead, _cfg.DModel).permute(0, 2, 1);

    /// <summary>W_O [n_heads, d_head, d_model] (a view): head h's output is z_h · W_O[h].</summary>
    public Tensor WO => OWeight.view(_cfg.DModel, _cfg.NHeads, _cfg.DHead).permute(1, 2, 0);

    /// <summary>b_Q [n_heads·d_head], or null without biases.</summary>
    public Parameter? BQ { get; }

    /// <summary>b_K [n_key_value_heads·d_head], or null.</summary>
    public Parameter? BK { get; }

    /// <summary>b_V [n_key_value_heads·d_head], or null.</summary>
    public Parameter? BV { get; }

    /// <summary>b_O [d_model], or null.</summary>
    public Parameter? BO { get; }

    /// <summary><c>hook_q</c>.</summary>
    public HookPoint HookQ { get; }

    /// <summary><c>hook_k</c>.</summary>
    public HookPoint HookK { get; }

    /// <summary><c>hook_v</c>.</summary>
    public HookPoint HookV { get; }

    /// <summary><c>hook_rot_q</c> (rotary models only).</summary>
    public HookPoint? HookRotQ { get; }

    /// <summary><c>hook_rot_k</c> (rotary models only).</summary>
    public HookPoint? HookRotK { get; }

    /// <summary><c>hook_attn_scores</c>.</summary>
    public HookPoint HookAttnScores { get; }

    /// <summary><c>hook_pattern</c>.</summary>
    public HookPoint HookPattern { get; }

    /// <summary><c>hook_z</c>.</summary>
    public HookPoint HookZ { get; }

    /// <summary><c>hook_result</c>.</summary>
    public HookPoint HookResult { get; }

    /// <summary>The hook points in forward order.</summary>
    public IEnumerable<HookPoint> HookPoints =>
        new[] { HookQ, HookK, HookV, HookRotQ, HookRotK, HookAttnScores, HookPattern, HookZ, HookResult }.OfType<HookPoint>();

    /// <summary>Attends over the normalized residual <paramref name="x"/> [batch, pos, d_model]; returns [batch, pos, d_model].</summary>
    /// <param name="x">The normalized residual stream.</param>
    public override Tensor forward(Tensor x)
    {
        long batch = x.shape[0], pos = x.shape[1];
        int h = _cfg.NHeads, kv = _cfg.NKeyValueHeads, dHead = _cfg.DHead;
        var q = HookQ.call(nn.functional.linear(x, QWeight, BQ).view(batch, pos, h, dHead));
        var k = HookK.call(nn.functional.linear(x, KWeight, BK).view(batch, pos, kv, dHead));
        var v = HookV.call(nn.functional.linear(x, VWeight, BV).view(batch, pos, kv, dHead));
        if (_rotary is not null)
        {
            q = HookRotQ!.call(_rotary.Apply(q));
            k = HookRotK!.call(_rotary.Apply(k));
        }

        var qh = q.permute(0, 2, 1, 3);
        var kh = k.permute(0, 2, 1, 3);
        var vh = v.permute(0, 2, 1, 3);
        if (kv != h)
        {
            kh = kh.repeat_interleave(h / kv, 1);
            vh = vh.repeat_interleave(h / kv, 1);
        }

        var mask = ones(pos, pos, ScalarType.Bool, x.device).triu(1);
        var scores = HookAttnScores.call(qh.matmul(kh.transpose(-1, -2)).div(_scale).masked_fill(mask, double.NegativeInfinity));
        var pattern = HookPattern.call(scores.softmax(-1));
        var z = HookZ.call(pattern.matmul(vh).permute(0, 2, 1, 3));
        if (_cfg.UseAttnResult || HookResult.HookCount > 0)
        {
            var result = HookResult.call(einsum("bphd,hdm->bphm", z, WO));
            var summed = result.sum(2);
            return BO is null ? summed : summed + BO;
        }

        return nn.functional.linear(z.reshape(batch, pos, h * dHead), OWeight, BO);
    }

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
