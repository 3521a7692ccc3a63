using System.Security.Cryptography;
using Interp.Explainers.Attribution.IntegratedGradients;
using Interp.Explainers.MLNet;
using Interp.Explainers.Requests;
using Interp.Importers.Onnx;
using Interp.Tests.Importer;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;
using Xunit.Abstractions;

namespace Interp.Tests.MLNet;

/// <summary>
/// The card's ONNX path: <c>ApplyOnnxModel(mnist.onnx)</c> in an ML.NET chain, then
/// <c>mlContext.Explain().IntegratedGradients(chain)</c>. The model bytes found in the chain are the file's; the appended
/// column equals the IntegratedGradients explainer run directly on the imported file (what <c>interp attribute</c>
/// runs) with the same options and targets.
/// </summary>
public sealed class OnnxIntegratedGradientsTests(ITestOutputHelper output)
{
    private static string MnistPath => Path.Combine(TestPaths.Shared, "data", "mnist-cnn", "mnist.onnx");

    [Fact]
    public void TheOnnxModelInTheChainIsTheFile()
    {
        var ml = new MLContext(seed: 1);
        var data = Digits(ml, 2);
        var chain = ml.Transforms.CopyColumns("Pixels", "Input3").Append(ml.Transforms.ApplyOnnxModel(MnistPath)).Fit(data);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(MnistPath)), SHA256.HashData(OnnxInChain.Extract(ml, chain, "test")));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(null)]
    public async Task AttributionColumnEqualsTheExplainerOnTheImportedFile(int? target)
    {
        var ml = new MLContext(seed: 1);
        var data = Digits(ml, 12);
        var chain = ml.Transforms.ApplyOnnxModel(MnistPath).Fit(data);
        var options = new IntegratedGradientsOptions { Steps = 16, Rule = "riemann_trapezoid" };
        var ig = ml.Explain().IntegratedGradients(chain, new IntegratedGradientsEstimatorOptions { Target = target, Explainer = options, WindowRows = 5 }).Fit(data);
        var explained = ig.Transform(chain.Transform(data));
        var attributions = ExplainColumns.Vectors(explained, "Attribution");
        var delta = ExplainColumns.Scalars(explained, "ConvergenceDelta");
        var logits = ExplainColumns.Vectors(explained, "Plus214_Output_0");

        var (digits, _) = MnistDigits.Load(12);
        var targets = target is int t ? Enumerable.Repeat(t, 12).ToArray() : logits.Select(l => Array.IndexOf(l, l.Max())).ToArray();
        using var imported = OnnxImporter.Import(MnistPath);
        var direct = await new IntegratedGradients(options).ExplainAsync(new AttributionRequest { Model = imported, Inputs = [digits], Targets = targets });

        double diff = 0, scale = direct.Attributions.Data.Max(v => Math.Abs(v));
        for (int r = 0; r < 12; r++)
        {
            for (int i = 0; i < 784; i++) diff = Math.Max(diff, Math.Abs(attributions[r][i] - direct.Attributions.Data[(r * 784) + i]));
            Assert.Equal(direct.ConvergenceDelta![r], delta[r], 1e-5);
        }

        output.WriteLine($"target {target?.ToString() ?? "predicted"}: max |column − direct| = {diff:G3} (max |attribution| {scale:G3})");
        Assert.True(diff <= 1e-6 + (1e-5 * scale), $"max difference {diff}");
    }

    /// <summary>MNIST digits as an ML.NET column named like the model's input (Input3, [1,1,28,28]).</summary>
    private static IDataView Digits(MLContext ml, int count)
    {
        var (pixels, _) = MnistDigits.Load(count);
        var rows = Enumerable.Range(0, count).Select(r => new Digit { Input3 = pixels.Data.AsSpan(r * 784, 784).ToArray() });
        return ml.Data.LoadFromEnumerable(rows.ToList());
    }

    private sealed class Digit
    {
        [VectorType(1, 1, 28, 28)]
        public float[] Input3 { get; set; } = [];
    }
}
