namespace Interp.Sae.Architectures;

/// <summary>SAELens' <c>topk</c> SAE: the k largest pre-activations per token pass a ReLU, the rest are 0 (Gao et al. 2024).</summary>
public sealed class TopKSae : SparseAutoencoder
{
    /// <summary>Wraps weights (W_enc, W_dec, b_enc, b_dec); k from <see cref="SaeConfig.K"/>.</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">Weights by SAELens name.</param>
    public TopKSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters)
    {
        Expect("b_enc", config.DSae);
        TopKArchitecture.CheckK(config);
    }

    /// <inheritdoc />
    public override Tensor Encode(Tensor x)
    {
        using var scope = NewDisposeScope();
        var hiddenPre = HiddenPre(x);
        var (values, indices) = hiddenPre.topk(Config.K, dim: -1);
        return zeros_like(hiddenPre).scatter_(-1, indices, nn.functional.relu(values)).MoveToOuterDisposeScope();
    }
}
