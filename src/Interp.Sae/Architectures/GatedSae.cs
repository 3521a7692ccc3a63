namespace Interp.Sae.Architectures;

/// <summary>
/// SAELens' <c>gated</c> SAE (Rajamanoharan et al. 2024): a gate <c>H((x − b_dec)·W_enc + b_gate)</c> decides which
/// features fire, a magnitude path <c>ReLU((x − b_dec)·(W_enc ⊙ exp(r_mag)) + b_mag)</c> sets their size.
/// </summary>
public sealed class GatedSae : SparseAutoencoder
{
    /// <summary>Wraps weights (W_enc, W_dec, b_dec, b_gate, r_mag, b_mag).</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">Weights by SAELens name.</param>
    public GatedSae(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) : base(config, parameters)
    {
        Expect("b_gate", config.DSae);
        Expect("r_mag", config.DSae);
        Expect("b_mag", config.DSae);
    }

    /// <summary>The gate pre-activation <c>(x − b_dec)·W_enc + b_gate</c>.</summary>
    /// <param name="x">Activations <c>[..., d_in]</c>.</param>
    public override Tensor HiddenPre(Tensor x) => SaeInput(x).matmul(WEnc) + Parameters["b_gate"];

    /// <inheritdoc />
    public override Tensor Encode(Tensor x)
    {
        using var scope = NewDisposeScope();
        var input = SaeInput(x);
        var gate = (input.matmul(WEnc) + Parameters["b_gate"]).gt(0);
        var magnitude = nn.functional.relu(input.matmul(WEnc * Parameters["r_mag"].exp()) + Parameters["b_mag"]);
        return (magnitude * gate.to(magnitude.dtype)).MoveToOuterDisposeScope();
    }
}
