namespace Interp.Sae.Features;

/// <summary>
/// The hook's own coordinates as features (Neuroscope's neurons): activation = the coordinate's value (it "fires" where
/// positive), direction = the unit vector of the coordinate.
/// </summary>
/// <param name="hookName">The hook point, e.g. <c>blocks.0.mlp.hook_post</c>.</param>
/// <param name="width">Its width.</param>
public sealed class NeuronBasis(string hookName, int width) : FeatureBasis
{
    /// <inheritdoc />
    public override string HookName { get; } = hookName;

    /// <inheritdoc />
    public override int Width { get; } = width;

    /// <inheritdoc />
    public override int Count => Width;

    /// <inheritdoc />
    public override string Kind => "neurons";

    /// <inheritdoc />
    public override Tensor Encode(Tensor activations) => activations.to(ScalarType.Float32).cpu();

    /// <inheritdoc />
    public override Tensor HookDirection(int feature)
    {
        CheckFeature(feature);
        var d = zeros(Width, dtype: ScalarType.Float32);
        d[feature] = tensor(1f);
        return d;
    }
}
