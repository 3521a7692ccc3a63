namespace Interp.Sae.Training;

/// <summary>What a training forward pass needs besides the batch.</summary>
/// <param name="Step">The step being taken (0-based).</param>
/// <param name="SparsityCoefficient">The sparsity coefficient after warm-up.</param>
/// <param name="DeadFeatures">Bool mask [d_sae] of features dead by <see cref="SaeTrainingOptions.DeadFeatureWindow"/>.</param>
/// <param name="Options">The training options.</param>
public sealed record TrainingStepContext(int Step, double SparsityCoefficient, Tensor DeadFeatures, SaeTrainingOptions Options);
