using BenchmarkDotNet.Attributes;
using Interp.Explainers.Attribution.IntegratedGradients;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;

namespace Interp.Benchmarks;

/// <summary>
/// Integrated Gradients with 50 steps on SqueezeNet (batch 1, 10 points per call) against its raw cost: 50 gradient
/// rows evaluated as 5 forward+backward calls of 10 rows. Target: IG ≤ 1.2 × the raw cost.
/// Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- --filter '*IntegratedGradients*'
/// </summary>
[MemoryDiagnoser]
public class IntegratedGradientsBenchmarks
{
    private const int PerCall = 10;
    private ImportedOnnxModel _model = null!;
    private NdArray<float> _image = null!;
    private NdArray<float> _tenRows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interp.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.Parent!.FullName, "shared", "data", "squeezenet1.0-fp16", "squeezenet1.0_fp16.onnx");
        _model = OnnxImporter.Import(path);
        var rng = new Random(1);
        _image = new NdArray<float>(Enumerable.Range(0, 3 * 224 * 224).Select(_ => (float)(rng.NextDouble() * 255)).ToArray(), 1, 3, 224, 224);
        _tenRows = NdArray<float>.Stack(Enumerable.Repeat(_image.RowArray(0), PerCall).ToList());
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Baseline = true)]
    public float FiftyGradientRows()
    {
        float s = 0;
        for (int call = 0; call < 50 / PerCall; call++) s += _model.Gradients([_tenRows], [0]).InputGradients[0].Data[0];
        return s;
    }

    [Benchmark]
    public async Task<float> IntegratedGradients50Steps()
    {
        var request = new AttributionRequest { Model = _model, Inputs = [_image], Targets = [0] };
        var e = await new IntegratedGradients(new IntegratedGradientsOptions { Steps = 50, PerturbationsPerEval = PerCall }).ExplainAsync(request);
        return e.Attributions.Data[0];
    }
}
