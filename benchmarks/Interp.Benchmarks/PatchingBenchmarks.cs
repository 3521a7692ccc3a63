using BenchmarkDotNet.Attributes;
using Interp.Explainers.Mechanistic.ActivationPatching;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Transformers.Loading;
using Interp.Transformers.Models;

namespace Interp.Benchmarks;

/// <summary>
/// The activation-patching grid on stories260K (resid_pre, 5 layers × 24 positions = 120 cells, logit difference):
/// batched (<see cref="CellsPerBatch"/> patched prompts per forward pass) against one forward pass per cell
/// (CellsPerBatch = 1). Cells per second = 120 / mean.
/// Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- --filter '*Patching*' --job short
/// </summary>
[MemoryDiagnoser]
public class PatchingBenchmarks
{
    private HookedTransformerModel _model = null!;
    private PromptRequest _request = null!;

    /// <summary>Patched prompts per forward pass (1 = one run per cell).</summary>
    [Params(1, 120)]
    public int CellsPerBatch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(SharedData.Folder, "stories260K", "stories260K.bin");
        var loaded = TransformerLoader.Load(path);
        _model = new HookedTransformerModel(loaded.Model, loaded.Tokenizer, new ModelSource(path, null, loaded.Format));
        var clean = Enumerable.Range(0, 24).Select(i => i == 0 ? 1 : 300 + i).ToArray();
        var corrupted = clean.Select((t, i) => i == 5 ? 290 : t).ToArray();
        _request = new PromptRequest { Model = _model, Tokens = clean, CorruptedTokens = corrupted };
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark]
    public async Task<float> ResidPreGrid120Cells()
    {
        var e = await new ActivationPatching(new ActivationPatchingOptions { CellsPerBatch = CellsPerBatch }).ExplainAsync(_request);
        return e.RawMetrics!.Data[0];
    }
}
