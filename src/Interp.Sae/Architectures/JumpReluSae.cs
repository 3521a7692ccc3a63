namespace Interp.Sae.Architectures;

/// <summary>SAELens' <c>jumprelu</c> SAE: <c>f = z · H(z − threshold)</c> with <c>z = (x − b_dec)·W_enc + b_enc</c> (Rajamanoharan et al. 2024).</summary>
public sealed class JumpReluSae : SparseAutoencoder
{
    /// <summary>Wraps weights (W_enc, W_dec, b_enc, b_dec, threshold).</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">Weights by SAELens name.</param>
    public JumpReluSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters)
    {
        Expect("b_enc", config.DSae);
        Expect("threshold", config.DSae);
    }

    /// <inheritdoc />
    public override Tensor Encode(Tensor x)
    {
        using var scope = NewDisposeScope();
        var z = HiddenPre(x);
        return (z * z.gt(Threshold!).to(z.dtype)).MoveToOuterDisposeScope();
    }
}
