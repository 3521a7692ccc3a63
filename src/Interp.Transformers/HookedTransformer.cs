using Interp.Backends.TorchSharp;
using Interp.Backends.TorchSharp.Hooks;
using Interp.Explainers;
using Interp.Transformers.Components;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Interp.Transformers;

/// <summary>
/// A decoder-only transformer whose every activation site is a <see cref="HookPoint"/> with its TransformerLens
/// name (<c>hook_embed</c>, <c>hook_pos_embed</c>, <c>blocks.{l}.hook_resid_pre</c>, <c>blocks.{l}.attn.hook_pattern</c>,
/// ..., <c>ln_final.hook_normalized</c>): Llama-style (RMSNorm, rotary, grouped-query attention, SwiGLU) and GPT-2
/// (LayerNorm, learned positions, gelu_new). Tokens are [batch, pos] int64, logits [batch, pos, d_vocab].
/// Not thread-safe: hooks live on the model, so calls must not overlap.
/// </summary>
public sealed class HookedTransformer : nn.Module<Tensor, Tensor>
{
    private readonly RotaryEmbedding? _rotary;
    private readonly List<HookPoint> _hookPoints;

    /// <summary>Creates a model with zero weights (loaders fill them in).</summary>
    /// <param name="cfg">The architecture.</param>
    public HookedTransformer(HookedTransformerConfig cfg) : base(cfg?.ModelName ?? "transformer")
    {
        ArgumentNullException.ThrowIfNull(cfg);
        cfg.Validate();
        Config = cfg;

        // The weights outlive any dispose scope the caller may be in (a model loaded inside a scope must not be
        // freed when that scope ends): everything created here is detached from it below.
        using var scope = NewDisposeScope();
        WE = new Parameter(zeros(cfg.DVocab, cfg.DModel), requires_grad: false);
        register_parameter("W_E", WE);
        HookEmbed = new HookPoint("hook_embed");
        register_module("hook_embed", HookEmbed);
        if (cfg.PositionalEmbeddingType == PositionalEmbeddingType.Standard)
        {
            WPos = new Parameter(zeros(cfg.NCtx, cfg.DModel), requires_grad: false);
            register_parameter("W_pos", WPos);
            HookPosEmbed = new HookPoint("hook_pos_embed");
            register_module("hook_pos_embed", HookPosEmbed);
        }
        else
        {
            _rotary = new RotaryEmbedding(cfg.DHead, cfg.NCtx, cfg.RotaryBase, cfg.RotaryAdjacentPairs);
        }

        Blocks = Enumerable.Range(0, cfg.NLayers).Select(l => new TransformerBlock(l, cfg, _rotary)).ToList();
        register_module("blocks", nn.ModuleList(Blocks.ToArray()));
        LnFinal = new Normalization("ln_final", cfg.NormalizationType, cfg.DModel, cfg.Eps);
        register_module("ln_final", LnFinal);
        if (cfg.TiedUnembed)
        {
            UnembedWeight = WE;
        }
        else
        {
            UnembedWeight = new Parameter(zeros(cfg.DVocab, cfg.DModel), requires_grad: false);
            register_parameter("unembed_weight", UnembedWeight);
        }

        if (cfg.HasBiases)
        {
            BU = new Parameter(zeros(cfg.DVocab), requires_grad: false);
            register_parameter("b_U", BU);
        }

        _hookPoints = new[] { HookEmbed, HookPosEmbed }.OfType<HookPoint>()
            .Concat(Blocks.SelectMany(b => b.HookPoints)).Concat(LnFinal.HookPoints).ToList();
        scope.Detach(scope.DisposablesView.ToList());
        eval();
    }

    /// <summary>The architecture (n_layers, n_heads, n_key_value_heads, d_model, d_head, d_vocab, n_ctx, ...).</summary>
    public HookedTransformerConfig Config { get; }

    /// <summary>The token embedding W_E [d_vocab, d_model].</summary>
    public Parameter WE { get; }

    /// <summary>The learned position embedding W_pos [n_ctx, d_model], or null for rotary models.</summary>
    public Parameter? WPos { get; }

    /// <summary>The blocks, in order.</summary>
    public IReadOnlyList<TransformerBlock> Blocks { get; }

    /// <summary>The final norm (<c>ln_final</c>).</summary>
    public Normalization LnFinal { get; }

    /// <summary>The unembedding as stored, [d_vocab, d_model] (the same tensor as <see cref="WE"/> when tied).</summary>
    internal Parameter UnembedWeight { get; }

    /// <summary>The unembedding W_U [d_model, d_vocab] (a view of the weights).</summary>
    public Tensor WU => UnembedWeight.t();

    /// <summary>The unembedding bias b_U [d_vocab], or null.</summary>
    public Parameter? BU { get; }

    /// <summary><c>hook_embed</c> [batch, pos, d_model].</summary>
    public HookPoint HookEmbed { get; }

    /// <summary><c>hook_pos_embed</c> [batch, pos, d_model] (learned positions only).</summary>
    public HookPoint? HookPosEmbed { get; }

    /// <summary>Every hook point in forward order.</summary>
    public IReadOnlyList<HookPoint> HookPoints => _hookPoints;

    /// <summary>Every hook point name in forward order.</summary>
    public IReadOnlyList<string> HookPointNames => _hookPoints.Select(h => h.HookName).ToList();

    /// <summary>The hook point called <paramref name="name"/>.</summary>
    /// <param name="name">A hook name.</param>
    /// <exception cref="InterpException">No such hook point; the message lists the closest names.</exception>
    public HookPoint GetHookPoint(string name)
    {
        var matches = Backends.TorchSharp.Hooks.HookPointNames.Resolve(_hookPoints, name);
        if (matches.Count != 1) throw new InterpException($"'{name}' names {matches.Count} hook points; give one name, not a glob.") { IsConfigurationError = true };
        return matches[0];
    }

    /// <summary>Runs the model: tokens [batch, pos] (int64; [pos] is taken as one sequence) → logits [batch, pos, d_vocab].</summary>
    /// <param name="tokens">Token ids.</param>
    /// <exception cref="InterpException">More tokens than the context, or an id outside the vocabulary.</exception>
    public override Tensor forward(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        TorchRuntime.ApplyThreads();
        var ids = CheckTokens(tokens);
        long batch = ids.shape[0], pos = ids.shape[1];
        var residual = HookEmbed.call(WE.index_select(0, ids.reshape(-1)).view(batch, pos, Config.DModel));
        if (WPos is not null)
        {
            var positions = WPos.narrow(0, 0, pos).unsqueeze(0).expand(batch, pos, Config.DModel);
            residual = residual + HookPosEmbed!.call(positions);
        }

        foreach (var block in Blocks) residual = block.call(residual);
        return Unembed(LnFinal.call(residual));
    }

    /// <summary>Logits from a normalized residual: x [..., d_model] · W_U + b_U.</summary>
    /// <param name="normalized">The output of the final norm.</param>
    public Tensor Unembed(Tensor normalized) => nn.functional.linear(normalized, UnembedWeight, BU);

    /// <summary>Adds <paramref name="hook"/> to every hook point matching <paramref name="nameOrGlob"/>; dispose the scope to remove it.</summary>
    /// <param name="nameOrGlob">A hook name or glob (<c>*</c> within a name part, <c>**</c> across parts).</param>
    /// <param name="hook">Reads the activation and returns a replacement, or null to keep it.</param>
    /// <exception cref="InterpException">Nothing matches; the message lists the closest names.</exception>
    public HookScope AddHook(string nameOrGlob, HookFunction hook) => new HookScope().Add(_hookPoints, nameOrGlob, hook);

    /// <summary>
    /// Runs the model without gradients and caches the activations of the hook points matching any of
    /// <paramref name="namesOrGlobs"/> (every hook point when none is given). As in TransformerLens the cache holds
    /// detached tensors that share storage with the forward pass (the model never modifies an activation in place; hooks
    /// added alongside must not either — return a new tensor instead).
    /// </summary>
    /// <param name="tokens">Token ids [batch, pos].</param>
    /// <param name="namesOrGlobs">Names or globs.</param>
    /// <returns>The logits (in the caller's dispose scope) and the cache (dispose it).</returns>
    public (Tensor Logits, ActivationCache Cache) RunWithCache(Tensor tokens, params string[] namesOrGlobs)
    {
        ArgumentNullException.ThrowIfNull(namesOrGlobs);
        var selected = namesOrGlobs.Length == 0
            ? _hookPoints
            : namesOrGlobs.SelectMany(n => Backends.TorchSharp.Hooks.HookPointNames.Resolve(_hookPoints, n)).Distinct().ToList();
        return RunWithCache(tokens, selected);
    }

    /// <summary>Runs the model without gradients and caches the hook points whose name passes <paramref name="filter"/>.</summary>
    /// <param name="tokens">Token ids [batch, pos].</param>
    /// <param name="filter">Hook name → cache it?</param>
    /// <returns>The logits and the cache (dispose it).</returns>
    public (Tensor Logits, ActivationCache Cache) RunWithCache(Tensor tokens, Func<string, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return RunWithCache(tokens, _hookPoints.Where(h => filter(h.HookName)).ToList());
    }

    private (Tensor Logits, ActivationCache Cache) RunWithCache(Tensor tokens, IReadOnlyList<HookPoint> points)
    {
        var cache = new ActivationCache();
        try
        {
            using var scope = new HookScope();
            foreach (var point in points)
            {
                scope.Add(_hookPoints, point.HookName, (activation, hook) =>
                {
                    cache.Store(hook.HookName, activation, copy: false);
                    return null;
                });
            }

            using var noGrad = no_grad();
            return (call(tokens), cache);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model without gradients with temporary hooks (interventions: a hook returning a tensor replaces the
    /// activation). The hooks are removed when the call returns, also after an exception.
    /// </summary>
    /// <param name="tokens">Token ids [batch, pos].</param>
    /// <param name="hooks">(name or glob, hook) pairs.</param>
    /// <returns>The logits [batch, pos, d_vocab].</returns>
    /// <exception cref="InterpException">A name matches no hook point (closest names listed).</exception>
    public Tensor RunWithHooks(Tensor tokens, params (string NameOrGlob, HookFunction Hook)[] hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        using var scope = new HookScope();
        foreach (var (name, hook) in hooks) scope.Add(_hookPoints, name, hook);
        using var noGrad = no_grad();
        return call(tokens);
    }

    private Tensor CheckTokens(Tensor tokens)
    {
        var ids = tokens.dim() == 1 ? tokens.unsqueeze(0) : tokens;
        if (ids.dim() != 2) throw new InterpException($"Tokens must be [batch, pos]; got shape [{string.Join(",", tokens.shape)}].");
        if (ids.dtype != ScalarType.Int64) ids = ids.to(ScalarType.Int64);
        if (ids.device != WE.device) ids = ids.to(WE.device);
        long pos = ids.shape[1];
        if (pos == 0) throw new InterpException("The token sequence is empty.");
        if (pos > Config.NCtx)
        {
            throw new InterpException($"The prompt has {pos} tokens but the model's context (n_ctx) is {Config.NCtx}; shorten it to at most {Config.NCtx} tokens.");
        }

        long min = ids.min().item<long>(), max = ids.max().item<long>();
        if (min < 0 || max >= Config.DVocab)
        {
            throw new InterpException($"Token id {(min < 0 ? min : max)} is outside the vocabulary (0..{Config.DVocab - 1}).");
        }

        return ids;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _rotary?.Dispose();
        base.Dispose(disposing);
    }
}
