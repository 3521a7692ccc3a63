using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Training;

namespace Interp.Plugins.SaeArchitectures;

/// <summary>The <c>batchtopk</c> architecture, registered by this plugin.</summary>
public sealed class BatchTopKArchitecture : ISaeArchitecture
{
    /// <inheritdoc />
    public string Name => "batchtopk";

    /// <inheritdoc />
    public void Validate(SaeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.ValidateSizes();
        if (config.K <= 0 || config.K > config.DSae) throw new ArgumentException($"batchtopk needs 1 ≤ k ≤ d_sae, got k = {config.K}.");
    }

    /// <inheritdoc />
    public SparseAutoencoder Create(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) => new BatchTopKSae(config, parameters);

    /// <inheritdoc />
    public TrainingSparseAutoencoder CreateTraining(SaeConfig config, SaeTrainingOptions options, SaeRandom random)
    {
        Validate(config);
        var (wEnc, wDec) = SaeInit.TiedDirections(config, random, 1.0);
        return new BatchTopKTrainingSae(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = wEnc, ["W_dec"] = wDec, ["b_enc"] = SaeInit.Filled(config.DSae, 0), ["b_dec"] = SaeInit.Filled(config.DIn, 0),
        });
    }
}
