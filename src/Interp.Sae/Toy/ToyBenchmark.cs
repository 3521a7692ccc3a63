using Interp.Sae.Architectures;
using Interp.Sae.Training;

namespace Interp.Sae.Toy;

/// <summary>
/// The ground-truth benchmark: train an SAE on <see cref="SuperpositionData"/> and score how well its decoder
/// recovers the true features (mean max cosine similarity, MMCS).
/// </summary>
public static class ToyBenchmark
{
    /// <summary>
    /// Mean over true features of the largest cosine similarity with any learned decoder row (Sharkey et al. 2022's
    /// MMCS): 1 when every true direction has a learned twin.
    /// </summary>
    /// <param name="trueDirections">Row-major [n, d].</param>
    /// <param name="features">n.</param>
    /// <param name="decoder">W_dec [d_sae, d].</param>
    public static double MeanMaxCosineSimilarity(float[] trueDirections, int features, Tensor decoder)
    {
        ArgumentNullException.ThrowIfNull(trueDirections);
        ArgumentNullException.ThrowIfNull(decoder);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var truth = tensor(trueDirections, [features, trueDirections.Length / features]).to(ScalarType.Float64);
        var learned = decoder.detach().to(ScalarType.Float64);
        truth = truth / truth.pow(2).sum(1, keepdim: true).sqrt().clamp_min(1e-12);
        learned = learned / learned.pow(2).sum(1, keepdim: true).sqrt().clamp_min(1e-12);
        return truth.matmul(learned.t()).max(1).values.mean().item<double>();
    }

    /// <summary>Trains <paramref name="config"/> on <paramref name="data"/> and returns the MMCS and the trained SAE.</summary>
    /// <param name="data">The synthetic data.</param>
    /// <param name="config">The SAE config (d_in = d).</param>
    /// <param name="options">Training options.</param>
    /// <param name="registry">Architectures (built-ins when null).</param>
    /// <param name="progress">Progress reports.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    public static ToyResult Run(SuperpositionData data, SaeConfig config, SaeTrainingOptions options, SaeArchitectureRegistry? registry = null, IProgress<SaeTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = new SaeTrainer(registry ?? SaeArchitectureRegistry.CreateDefault()).Train(config, options, data, progress, cancellationToken);
        var sae = result.Sae.ToInference();
        result.Sae.Dispose();
        return new ToyResult(MeanMaxCosineSimilarity(data.Directions, data.Features, sae.WDec), sae, result.Last);
    }

    /// <summary>
    /// The default recipe for n features in d dimensions: a topk SAE with d_sae = n, k = ⌈2·n·p⌉ (at least 2), Adam
    /// at 3e-3 with warm-up and decay, batches of 1024.
    /// </summary>
    /// <param name="features">n.</param>
    /// <param name="dims">d.</param>
    /// <param name="featureProbability">p.</param>
    /// <param name="steps">Training steps.</param>
    /// <param name="seed">Seed.</param>
    public static (SaeConfig Config, SaeTrainingOptions Options) DefaultRecipe(int features, int dims, double featureProbability, int steps, ulong seed)
    {
        int k = Math.Max(2, (int)Math.Ceiling(2 * features * featureProbability));
        var config = new SaeConfig("topk", dims, features) { K = k, HookName = "toy" };
        var options = new SaeTrainingOptions
        {
            TotalSteps = steps, BatchSize = 1024, LearningRate = 3e-3, LrWarmUpSteps = Math.Min(100, steps / 10),
            LrDecaySteps = steps / 5, Seed = seed, DeadFeatureWindow = 50, DecoderBiasInit = "zeros",
        };
        return (config, options);
    }
}
