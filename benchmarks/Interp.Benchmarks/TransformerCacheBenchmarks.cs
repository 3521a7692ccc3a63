using BenchmarkDotNet.Attributes;
using Interp.Transformers;
using Interp.Transformers.Loading;
using static TorchSharp.torch;

namespace Interp.Benchmarks;

/// <summary>
/// RunWithCache of every hook point (hook_result included) against a plain forward on stories260K, 256 tokens, batch 1
/// and 32. Target: ≤ 1.15× the forward at batch 32. Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks --
/// --filter '*TransformerCache*' --job short
/// </summary>
[MemoryDiagnoser]
public class TransformerCacheBenchmarks
{
    private HookedTransformer _model = null!;
    private Tensor _tokens = null!;

    [Params(1, 32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        _model = Llama2cCheckpoint.Load(Path.Combine(SharedData.Folder, "stories260K", "stories260K.bin"));
        var rng = new Random(1);
        _tokens = tensor(Enumerable.Range(0, Batch * 256).Select(_ => (long)rng.Next(3, 512)).ToArray(), [Batch, 256]).DetachFromDisposeScope();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tokens.Dispose();
        _model.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float Forward()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return _model.call(_tokens)[0, 0, 0].item<float>();
    }

    [Benchmark]
    public float RunWithCacheAllHooks()
    {
        using var scope = NewDisposeScope();
        var (logits, cache) = _model.RunWithCache(_tokens);
        using (cache) return logits[0, 0, 0].item<float>() + cache.Names.Count;
    }

}
