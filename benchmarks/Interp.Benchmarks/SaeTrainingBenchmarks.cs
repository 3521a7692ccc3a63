using BenchmarkDotNet.Attributes;
using Interp.Backends.TorchSharp;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Training;
using TorchSharp;

namespace Interp.Benchmarks;

/// <summary>
/// One training step of a topk SAE 64 → 2048, k = 32, on a batch of 4096 activations (forward, backward, decoder
/// gradient projection, Adam, decoder renormalisation). Activations per second = 4096 / mean. Target ≥ 50,000 on 2
/// cores. Threads: libtorch's default (all cores) unless INTERP_SAE_THREADS is set.
/// Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- --filter '*SaeTraining*' --job short
/// </summary>
[MemoryDiagnoser]
public class SaeTrainingBenchmarks
{
    public const int BatchSize = 4096;
    private TrainingSparseAutoencoder _sae = null!;
    private SaeAdam _adam = null!;
    private torch.Tensor _batch = null!;
    private torch.Tensor _dead = null!;
    private SaeTrainingOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("INTERP_SAE_THREADS"), out var threads)) TorchRuntime.Threads = threads;
        TorchRuntime.ApplyThreads();
        var config = new SaeConfig("topk", 64, 2048) { K = 32 };
        _options = new SaeTrainingOptions { BatchSize = BatchSize, LearningRate = 3e-4 };
        _sae = new TopKArchitecture().CreateTraining(config, _options, new SaeRandom(1));
        _adam = new SaeAdam(_sae.Parameters, 0.9, 0.999, 1e-8);
        _batch = torch.randn(BatchSize, 64, generator: torch.manual_seed(2));
        _dead = torch.zeros(2048, torch.ScalarType.Bool);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sae.Dispose();
        _adam.Dispose();
    }

    /// <summary>A full training step (what <see cref="SaeTrainer"/> does per batch, minus reading the batch).</summary>
    [Benchmark]
    public float TopK64To2048K32Batch4096Step()
    {
        TorchRuntime.ApplyThreads();
        using var scope = torch.NewDisposeScope();
        var names = _sae.Parameters.Keys.Order(StringComparer.Ordinal).ToList();
        var output = _sae.Forward(_batch, new TrainingStepContext(0, 1, _dead, _options));
        var grads = torch.autograd.grad([output.Loss], names.Select(n => _sae.Parameters[n]).ToList());
        var gradients = names.Select((n, i) => (n, grads[i])).ToDictionary(p => p.n, p => p.Item2);
        _sae.BeforeOptimizerStep(gradients);
        _adam.Step(_sae.Parameters, gradients, 3e-4);
        _sae.AfterOptimizerStep();
        return output.Loss.item<float>();
    }
}
