using BenchmarkDotNet.Attributes;
using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Attribution.KernelShap;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Benchmarks;

/// <summary>
/// KernelSHAP (shap formulation) on an MLP 30→64→1 (TorchSharp forward function, fixed random weights): 30 features,
/// background 100 rows, 2,108 coalitions per row (2·M + 2048), explaining <see cref="RowsPerOp"/> rows per operation.
/// Rows per second = RowsPerOp / mean; the baseline evaluates the same model rows without the explainer. Target ≥ 30 rows/s on 2 cores. The error against ExactShap as a function of
/// the samples: <c>dotnet run -c Release --project benchmarks/Interp.Benchmarks -- kernel-shap-error</c> (12 features).
/// Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- --filter '*KernelShap*' --job short
/// </summary>
[MemoryDiagnoser]
public class KernelShapBenchmarks
{
    public const int RowsPerOp = 4;
    private TorchModel _model = null!;
    private AttributionRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = KernelShapMlp.Create(30, seed: 1);
        _request = new AttributionRequest { Model = _model, Inputs = [KernelShapMlp.Rows(RowsPerOp, 30, seed: 2)], Baselines = KernelShapMlp.Rows(100, 30, seed: 3) };
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    /// <summary>The raw cost: the same number of model rows (RowsPerOp · 2,108 · 100) in calls of 100,000 rows.</summary>
    [Benchmark(Baseline = true)]
    public float RawForwardSameRows()
    {
        const int perCall = 100_000;
        var batch = KernelShapMlp.Rows(perCall, 30, seed: 4);
        float s = 0;
        for (long done = 0; done < RowsPerOp * 2108L * 100; done += perCall) s += _model.Predict([batch]).Data[0];
        return s;
    }

    [Benchmark]
    public async Task<float> KernelShap30Features2108Samples()
    {
        var e = await new KernelShap(new KernelShapOptions { Samples = 2108 }).ExplainAsync(_request);
        return e.Attributions.Data[0];
    }
}
