using System.Globalization;
using BenchmarkDotNet.Attributes;
using Interp.Backends.Onnx;
using Interp.Explainers.Attribution.FeatureAblation;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Benchmarks;

/// <summary>
/// FeatureAblation on the MNIST CNN (784 pixels, one digit): perturbed inputs evaluated in batches from the memory
/// budget versus one model call per perturbed input. Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- --filter '*FeatureAblation*'
/// </summary>
[MemoryDiagnoser]
public class FeatureAblationBenchmarks
{
    private OnnxModel _model = null!;
    private AttributionRequest _request = null!;

    /// <summary>0 = batched from Interp:MaxBatchBytes (64 MiB); 1 = one perturbed input per call.</summary>
    [Params(0, 1)]
    public int PerturbationsPerEval { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "data");
        _model = OnnxModel.Load(Path.Combine(dir, "mnist.onnx"));
        var line = File.ReadLines(Path.Combine(dir, "Train-Tiny-28x28.txt")).First();
        var pixels = new float[784];
        foreach (var pair in line.Split('\t').Skip(2))
        {
            var kv = pair.Split(':');
            pixels[int.Parse(kv[0], CultureInfo.InvariantCulture)] = float.Parse(kv[1], CultureInfo.InvariantCulture) / 255f;
        }

        _request = new AttributionRequest { Model = _model, Inputs = [new NdArray<float>(pixels, 1, 1, 28, 28)], Targets = [5] };
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark]
    public async Task<float> AblateEveryPixel()
    {
        var explanation = await new FeatureAblation(new FeatureAblationOptions { PerturbationsPerEval = PerturbationsPerEval }).ExplainAsync(_request);
        return explanation.Attributions.Data[0];
    }
}
