namespace Interp.Sae.Features;

/// <summary>An SAE's features: activations from <see cref="SparseAutoencoder.Encode"/>, directions = rows of W_dec.</summary>
/// <param name="sae">The SAE (not owned).</param>
public sealed class SaeFeatureBasis(SparseAutoencoder sae) : FeatureBasis
{
    private readonly SparseAutoencoder _sae = sae ?? throw new ArgumentNullException(nameof(sae));

    /// <inheritdoc />
    public override string HookName => _sae.Config.HookName;

    /// <inheritdoc />
    public override int Width => _sae.Config.DIn;

    /// <inheritdoc />
    public override int Count => _sae.Config.DSae;

    /// <inheritdoc />
    public override string Kind => "sae";

    /// <inheritdoc />
    public override Tensor Encode(Tensor activations) => _sae.Encode(activations.to(ScalarType.Float32).cpu());

    /// <inheritdoc />
    public override Tensor HookDirection(int feature)
    {
        CheckFeature(feature);
        return _sae.WDec[feature].detach().clone();
    }
}
