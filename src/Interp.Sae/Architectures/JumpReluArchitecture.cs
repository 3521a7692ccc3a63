using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>The <c>jumprelu</c> architecture (learned per-feature thresholds, L0 penalty through a straight-through estimator).</summary>
public sealed class JumpReluArchitecture : ISaeArchitecture
{
    /// <inheritdoc />
    public string Name => "jumprelu";

    /// <inheritdoc />
    public void Validate(SaeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.ValidateSizes();
    }

    /// <inheritdoc />
    public SparseAutoencoder Create(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters) => new JumpReluSae(config, parameters);

    /// <inheritdoc />
    public TrainingSparseAutoencoder CreateTraining(SaeConfig config, SaeTrainingOptions options, SaeRandom random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        Validate(config);
        var (wEnc, wDec) = SaeInit.TiedDirections(config, random, 1.0);
        return new JumpReluTrainingSae(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = wEnc, ["W_dec"] = wDec, ["b_enc"] = SaeInit.Filled(config.DSae, 0), ["b_dec"] = SaeInit.Filled(config.DIn, 0),
            ["log_threshold"] = SaeInit.Filled(config.DSae, (float)Math.Log(options.JumpReluInitThreshold)),
        }, options.JumpReluBandwidth);
    }
}
