using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>The <c>standard</c> architecture (ReLU, L1 weighted by decoder norms).</summary>
public sealed class StandardArchitecture : ISaeArchitecture
{
    /// <inheritdoc />
    public string Name => "standard";

    /// <inheritdoc />
    public void Validate(SaeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.ValidateSizes();
    }

    /// <inheritdoc />
    public SparseAutoencoder Create(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) => new StandardSae(config, parameters);

    /// <inheritdoc />
    public TrainingSparseAutoencoder CreateTraining(SaeConfig config, SaeTrainingOptions options, SaeRandom random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        Validate(config);
        var (wEnc, wDec) = SaeInit.TiedDirections(config, random, options.DecoderInitNorm);
        return new StandardTrainingSae(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = wEnc, ["W_dec"] = wDec, ["b_enc"] = SaeInit.Filled(config.DSae, 0), ["b_dec"] = SaeInit.Filled(config.DIn, 0),
        });
    }
}
