using System.CommandLine;
using Interp.Core.Configuration;
using Interp.Core.Envelope;
using Interp.Core.Models;
using Interp.Cli.Demo;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp demo [--out dir] [--digits N]</c>: the main job on the embedded defaults. Today: FeatureAblation and
/// Occlusion on the shipped MNIST CNN for a few digits, with a readable summary and the explanation files.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the explanation files.", DefaultValueFactory = _ => new DirectoryInfo("interp-demo") };
        var digits = new Option<int>("--digits") { Description = "How many digits to explain (1..10).", DefaultValueFactory = _ => 3 };
        digits.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<int>();
            if (v is < 1 or > 10) r.AddError("--digits must be between 1 and 10.");
        });
        var command = new Command("demo", "Run the demo on the embedded defaults (MNIST CNN: feature ablation, occlusion, integrated gradients, Grad-CAM).") { output, digits };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            using var host = await CliHost.StartAsync(null, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            return await RunAsync(host.Services, parse.GetValue(output)!.FullName, parse.GetValue(digits), ct).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string outDir, int count, CancellationToken ct)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data", "mnist");
        Step($"device: {services.GetRequiredService<ComputeDevice>()}");
        Step($"loading {Path.Combine(data, "mnist.onnx")}");
        using var model = (IPredictor)services.GetRequiredService<ModelLoaderCatalog>().Load(Path.Combine(data, "mnist.onnx"));
        var all = MnistDigits.Read(Path.Combine(data, "Train-Tiny-28x28.txt"));
        var chosen = all.GroupBy(d => d.Label).OrderBy(g => g.Key).Select(g => g.First()).Take(count).ToList();
        var input = new NdArray<float>(chosen.SelectMany(d => d.Pixels).ToArray(), chosen.Count, 1, 28, 28);
        var logits = model.Predict([input], ct);
        var predicted = Enumerable.Range(0, chosen.Count).Select(n => ArgMax(logits.Row(n))).ToArray();

        var factory = services.GetRequiredService<IExplainerFactory>();
        var request = new AttributionRequest
        {
            Model = model,
            Inputs = [input],
            Targets = predicted,
            BaselineValue = 0f,
            Labels = new ExplanationLabels { Image = new ImageInfo(1, 28, 28, "CHW gray 0..1"), OutputNames = Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray() },
        };

        Step($"FeatureAblation: {chosen.Count} digits × 784 pixels");
        var ablation = (AttributionExplanation)await factory.Create("FeatureAblation").ExplainAsync(request, ct).ConfigureAwait(false);
        Step($"  {ablation.ModelCalls!.Rows} rows in {ablation.ModelCalls.Calls} model calls");
        Step("Occlusion: 4×4 windows, stride 2");
        var occlusion = (AttributionExplanation)await factory.Create("Occlusion", o => ExplainerOptionsBinder.Apply(o, new Dictionary<string, string?>
        {
            ["SlidingWindowShapes:0"] = "1", ["SlidingWindowShapes:1"] = "4", ["SlidingWindowShapes:2"] = "4",
            ["Strides:0"] = "1", ["Strides:1"] = "2", ["Strides:2"] = "2",
        })).ExplainAsync(request, ct).ConfigureAwait(false);
        Step($"  {occlusion.ModelCalls!.Rows} rows in {occlusion.ModelCalls.Calls} model calls");

        // Gradient methods need gradients and hooks: the same ONNX file, imported into TorchSharp.
        Step("IntegratedGradients (Gauss-Legendre, 32 steps) and Grad-CAM on the imported model");
        using var differentiable = (IPredictor)services.GetRequiredService<ModelLoaderCatalog>().Load(Path.Combine(data, "mnist.onnx"), [typeof(ILayerDifferentiable)]);
        var gradientRequest = new AttributionRequest { Model = differentiable, Inputs = request.Inputs, Targets = request.Targets, BaselineValue = 0f, Labels = request.Labels };
        var igExplainer = factory.Create("IntegratedGradients", o => ExplainerOptionsBinder.Apply(o, new Dictionary<string, string?> { ["Steps"] = "32" }));
        var ig = (AttributionExplanation)await igExplainer.ExplainAsync(gradientRequest, ct).ConfigureAwait(false);
        var cam = (AttributionExplanation)await factory.Create("LayerGradCam", o => ExplainerOptionsBinder.Apply(o, new Dictionary<string, string?> { ["Layer"] = "ReLU114_Output_0", ["ReluAttributions"] = "true" }))
            .ExplainAsync(gradientRequest, ct).ConfigureAwait(false);
        Step($"  IG completeness gap |Σ attributions − (f(x) − f(0))|: max {ig.ConvergenceDelta!.Max(Math.Abs):G3} over {chosen.Count} digits");
        if (services.GetService<IQualityMetrics>() is { } quality)
        {
            Step("Quality of the IG maps: infidelity, sensitivity, deletion and insertion curves");
            await quality.AddAsync(ig, igExplainer, gradientRequest, ["all"], ct).ConfigureAwait(false);
            foreach (var (name, values) in ig.Quality)
            {
                Step($"  {name}: {string.Join(", ", values.Select(v => v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)))}");
            }
        }

        Directory.CreateDirectory(outDir);
        ExplanationFile.WriteAtomic(ablation, Path.Combine(outDir, "mnist-feature-ablation.json"), indented: true);
        ExplanationFile.WriteAtomic(occlusion, Path.Combine(outDir, "mnist-occlusion.json"), indented: true);
        ExplanationFile.WriteAtomic(ig, Path.Combine(outDir, "mnist-integrated-gradients.json"), indented: true);
        ExplanationFile.WriteAtomic(cam, Path.Combine(outDir, "mnist-grad-cam.json"), indented: true);

        Console.Out.WriteLine();
        for (int n = 0; n < chosen.Count; n++)
        {
            var occ = occlusion.Attributions.Row(n);
            var abl = ablation.Attributions.Row(n);
            Console.Out.WriteLine($"digit #{n}: label {chosen[n].Label}, predicted {predicted[n]} (logit {logits.Row(n)[predicted[n]]:F2})");
            Console.Out.WriteLine($"  feature ablation: Σ = {Sum(abl):F2}, strongest pixel ({ArgMax(abl) / 28},{ArgMax(abl) % 28}) = {Max(abl):F3}");
            var grads = ig.Attributions.Row(n);
            Console.Out.WriteLine($"  integrated gradients: Σ = {Sum(grads):F2} (f(x) − f(0) = {Sum(grads) - ig.ConvergenceDelta![n]:F2}), strongest pixel ({ArgMax(grads) / 28},{ArgMax(grads) % 28})");
            Console.Out.WriteLine($"  occlusion: strongest region around ({ArgMax(occ) / 28},{ArgMax(occ) % 28}) = {Max(occ):F3}; digit (left) and occlusion map (right):");
            Console.Out.Write(AsciiHeatmap.Render(chosen[n].Pixels, occ));
            Console.Out.WriteLine("  integrated gradients (right):");
            Console.Out.Write(AsciiHeatmap.Render(chosen[n].Pixels, grads));
        }

        Console.Out.WriteLine();
        Console.Out.WriteLine($"wrote {Path.Combine(outDir, "mnist-feature-ablation.json")}");
        Console.Out.WriteLine($"wrote {Path.Combine(outDir, "mnist-occlusion.json")}");
        Console.Out.WriteLine($"wrote {Path.Combine(outDir, "mnist-integrated-gradients.json")}");
        Console.Out.WriteLine($"wrote {Path.Combine(outDir, "mnist-grad-cam.json")}");
        return CliApp.Success;
    }

    private static void Step(string message) => Console.Out.WriteLine("[demo] " + message);

    private static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private static float Max(ReadOnlySpan<float> v) => v[ArgMax(v)];

    private static double Sum(ReadOnlySpan<float> v)
    {
        double s = 0;
        foreach (var x in v) s += x;
        return s;
    }
}
