using Interp.Sae.Training;

namespace Interp.Sae.Toy;

/// <summary>The ground-truth benchmark's outcome.</summary>
/// <param name="MeanMaxCosineSimilarity">MMCS between learned decoder rows and the true features.</param>
/// <param name="Sae">The trained inference SAE (dispose it).</param>
/// <param name="Last">The last training progress report.</param>
public sealed record ToyResult(double MeanMaxCosineSimilarity, SparseAutoencoder Sae, SaeTrainingProgress Last);
