using Interp.Sae.Training;

namespace Interp.Sae.Architectures;

/// <summary>
/// An SAE architecture under a SAELens name: builds the inference SAE from weights and a freshly initialised
/// training wrapper. Register one with <c>services.AddSaeArchitecture(...)</c> (plugins do it in their
/// <c>Register</c>); <see cref="SaeArchitectureRegistry"/> rejects duplicate names.
/// </summary>
public interface ISaeArchitecture
{
    /// <summary>The name carried by <see cref="SaeConfig.Architecture"/> (<c>standard</c>, <c>topk</c>, ...).</summary>
    string Name { get; }

    /// <summary>Checks architecture-specific config fields.</summary>
    /// <param name="config">The config.</param>
    /// <exception cref="ArgumentException">An invalid field, named.</exception>
    void Validate(SaeConfig config);

    /// <summary>An inference SAE over <paramref name="parameters"/> (owned by it afterwards).</summary>
    /// <param name="config">The config.</param>
    /// <param name="parameters">Weights by SAELens name.</param>
    SparseAutoencoder Create(SaeConfig config, IReadOnlyDictionary<string, Tensor> parameters);

    /// <summary>A training wrapper with freshly initialised weights.</summary>
    /// <param name="config">The config.</param>
    /// <param name="options">Training options (initial norms, thresholds).</param>
    /// <param name="random">The initialisation stream.</param>
    TrainingSparseAutoencoder CreateTraining(SaeConfig config, SaeTrainingOptions options, SaeRandom random);
}
