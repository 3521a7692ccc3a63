namespace Interp.Sae.Architectures;

/// <summary>SAELens' <c>standard</c> SAE: <c>f = ReLU((x − b_dec)·W_enc + b_enc)</c>.</summary>
public sealed class StandardSae : SparseAutoencoder
{
    /// <summary>Wraps weights (W_enc, W_dec, b_enc, b_dec).</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">Weights by SAELens name.</param>
    public StandardSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters)
    {
        Expect("b_enc", config.DSae);
    }

    /// <inheritdoc />
    public override Tensor Encode(Tensor x) => nn.functional.relu(HiddenPre(x));
}
