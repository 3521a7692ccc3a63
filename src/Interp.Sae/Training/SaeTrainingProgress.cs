namespace Interp.Sae.Training;

/// <summary>Progress of a training run (reported every <see cref="SaeTrainingOptions.ProgressEvery"/> steps and at the end).</summary>
/// <param name="Step">Steps completed.</param>
/// <param name="TotalSteps">Steps in the run.</param>
/// <param name="Loss">This step's loss.</param>
/// <param name="Losses">Its parts by SAELens name.</param>
/// <param name="L0">Mean active features per row on this step.</param>
/// <param name="DeadFeatures">Features that have not fired for <see cref="SaeTrainingOptions.DeadFeatureWindow"/> steps.</param>
/// <param name="LearningRate">This step's learning rate.</param>
/// <param name="Elapsed">Time spent in this process.</param>
/// <param name="Eta">Estimated time to the end (from this process's rate).</param>
/// <param name="ActivationsPerSecond">Training throughput in this process.</param>
public sealed record SaeTrainingProgress(int Step, int TotalSteps, double Loss, IReadOnlyDictionary<string, double> Losses, double L0, int DeadFeatures, double LearningRate, TimeSpan Elapsed, TimeSpan Eta, double ActivationsPerSecond);
