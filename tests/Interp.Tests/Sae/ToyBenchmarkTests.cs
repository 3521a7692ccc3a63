using Interp.Sae.Toy;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>The ground-truth superposition benchmark, small and seeded (a few seconds on one thread).</summary>
public sealed class ToyBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void TrainedTopKSaeRecoversTheTrueFeatures()
    {
        var data = new SuperpositionData(128, 32, 0.02, seed: 1);
        var (config, options) = ToyBenchmark.DefaultRecipe(128, 32, 0.02, steps: 2000, seed: 1);
        options = options with { BatchSize = 512 };
        var result = ToyBenchmark.Run(data, config, options);
        using var sae = result.Sae;
        output.WriteLine($"MMCS {result.MeanMaxCosineSimilarity:F4}, l0 {result.Last.L0:F2}, dead {result.Last.DeadFeatures}");
        Assert.True(result.MeanMaxCosineSimilarity >= 0.9, $"MMCS {result.MeanMaxCosineSimilarity:F4}");
    }

    [Fact]
    public void MmcsIsOneForTheTruthAndLowForRandomDirections()
    {
        var data = new SuperpositionData(128, 32, 0.02, seed: 1);
        using var truth = tensor(data.Directions, [128, 32]);
        Assert.Equal(1.0, ToyBenchmark.MeanMaxCosineSimilarity(data.Directions, 128, truth * 3), 9);
        var random = new SuperpositionData(128, 32, 0.02, seed: 99);
        using var other = tensor(random.Directions, [128, 32]);
        Assert.True(ToyBenchmark.MeanMaxCosineSimilarity(data.Directions, 128, other) < 0.7);
    }

    [Fact]
    public void RowsHaveTheConfiguredSparsity()
    {
        // Each feature fires with probability p and magnitude U[0, 1): E[x] = p · ½ · Σ_i direction_i (exact).
        var data = new SuperpositionData(200, 16, 0.05, seed: 3);
        var rows = data.NextBatch(4000);
        var mean = new double[16];
        for (int r = 0; r < 4000; r++) for (int j = 0; j < 16; j++) mean[j] += rows[r * 16 + j] / 4000.0;
        for (int j = 0; j < 16; j++)
        {
            double expected = 0;
            for (int i = 0; i < 200; i++) expected += 0.05 * 0.5 * data.Directions[i * 16 + j];
            Assert.True(Math.Abs(mean[j] - expected) < 0.03, $"dim {j}: mean {mean[j]:F3}, expected {expected:F3}");
        }
    }
}
