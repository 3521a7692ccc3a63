using Interp.Sae;

namespace Interp.Plugins.SaeArchitectures;

/// <summary>
/// A BatchTopK SAE (Bussmann et al. 2024): over a batch of n tokens, the k·n largest ReLU pre-activations of the
/// whole batch are kept, so the per-token count varies while the average is k.
/// </summary>
public sealed class BatchTopKSae : SparseAutoencoder
{
    /// <summary>Wraps weights (W_enc, W_dec, b_enc, b_dec).</summary>
    /// <param name="config">The config (k in <see cref="SaeConfig.K"/>).</param>
    /// <param name="parameters">Weights by SAELens name.</param>
    public BatchTopKSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters) { }

    /// <inheritdoc />
    public override Tensor Encode(Tensor x)
    {
        using var scope = NewDisposeScope();
        return BatchTopK(nn.functional.relu(HiddenPre(x)), Config.K).MoveToOuterDisposeScope();
    }

    /// <summary>Keeps the k·rows largest entries of <paramref name="acts"/> [..., d_sae], zeroing the rest (ties broken by topk).</summary>
    /// <param name="acts">Non-negative activations.</param>
    /// <param name="k">Average active features per row.</param>
    internal static Tensor BatchTopK(Tensor acts, int k)
    {
        var flat = acts.reshape(-1);
        long keep = Math.Min(flat.shape[0], (long)k * (flat.shape[0] / acts.shape[^1]));
        var indices = flat.detach().topk((int)keep).indexes;
        var mask = zeros_like(flat).index_fill_(0, indices, 1.0).detach();
        return (flat * mask).reshape(acts.shape);
    }
}
