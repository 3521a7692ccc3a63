namespace Interp.Sae.Training;

/// <summary>A finished training run.</summary>
/// <param name="Sae">The trained SAE (training wrapper; <see cref="TrainingSparseAutoencoder.ToInference"/> gives the inference SAE). Dispose it.</param>
/// <param name="Last">The last progress report.</param>
/// <param name="ResumedFromStep">The checkpoint step the run resumed from, or null for a fresh run.</param>
public sealed record SaeTrainingResult(TrainingSparseAutoencoder Sae, SaeTrainingProgress Last, int? ResumedFromStep);
