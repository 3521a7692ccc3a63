using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>The <c>topk</c> architecture (k active features per token, unit-norm decoder, auxiliary top-k loss).</summary>
public sealed class TopKArchitecture : ISaeArchitecture
{
    /// <inheritdoc />
    public string Name => "topk";

    /// <inheritdoc />
    public void Validate(SaeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.ValidateSizes();
        CheckK(config);
    }

    /// <summary>k must be in 1..d_sae.</summary>
    /// <param name="config">The config.</param>
    internal static void CheckK(SaeConfig config)
    {
        if (config.K <= 0 || config.K > config.DSae) throw new ArgumentException($"topk needs 1 ≤ k ≤ d_sae ({config.DSae}), got k = {config.K}.");
    }

    /// <inheritdoc />
    public SparseAutoencoder Create(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) => new TopKSae(config, parameters);

    /// <inheritdoc />
    public TrainingSparseAutoencoder CreateTraining(SaeConfig config, SaeTrainingOptions options, SaeRandom random)
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate(config);
        var (wEnc, wDec) = SaeInit.TiedDirections(config, random, 1.0);
        return new TopKTrainingSae(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = wEnc, ["W_dec"] = wDec, ["b_enc"] = SaeInit.Filled(config.DSae, 0), ["b_dec"] = SaeInit.Filled(config.DIn, 0),
        });
    }
}
