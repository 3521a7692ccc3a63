using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>The <c>gated</c> architecture (separate gate and magnitude paths sharing W_enc).</summary>
public sealed class GatedArchitecture : ISaeArchitecture
{
    /// <inheritdoc />
    public string Name => "gated";

    /// <inheritdoc />
    public void Validate(SaeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.ValidateSizes();
    }

    /// <inheritdoc />
    public SparseAutoencoder Create(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) => new GatedSae(config, parameters);

    /// <inheritdoc />
    public TrainingSparseAutoencoder CreateTraining(SaeConfig config, SaeTrainingOptions options, SaeRandom random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        Validate(config);
        var (wEnc, wDec) = SaeInit.TiedDirections(config, random, 1.0);
        return new GatedTrainingSae(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = wEnc, ["W_dec"] = wDec, ["b_dec"] = SaeInit.Filled(config.DIn, 0),
            ["b_gate"] = SaeInit.Filled(config.DSae, 0), ["r_mag"] = SaeInit.Filled(config.DSae, 0), ["b_mag"] = SaeInit.Filled(config.DSae, 0),
        });
    }
}
