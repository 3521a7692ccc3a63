using System.Globalization;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Demo;

/// <summary>
/// Local level on images: Occlusion (ONNX Runtime), IntegratedGradients and LayerGradCam (the same ONNX file imported
/// into TorchSharp for gradients), each with deletion/insertion curves against a random order, and a page with the
/// methods side by side.
/// </summary>
internal sealed class ImagePart : IDemoPart
{
    public string Title => "Images";

    public async Task RunAsync(DemoContext context, DemoStep step, CancellationToken cancellationToken)
    {
        step.Report("loading the image model", 0);
        var subject = ImageSubject.Find(context.Data, context.Quick);
        using var runtime = (IPredictor)context.Models.Load(subject.ModelPath);
        var logits = runtime.Predict([subject.Input], cancellationToken);
        int target = ArgMax(logits.Row(0));
        context.Log($"Images: {subject.Name}: predicted class {target} ({subject.Classes[target]})");
        var labels = new ExplanationLabels { Image = subject.Geometry, OutputNames = subject.Classes };
        var request = new AttributionRequest { Model = runtime, Inputs = [subject.Input], Targets = [target], BaselineValue = 0f, Labels = labels };
        var options = new ReportOptions { Images = [subject.Display] };
        var quality = context.Services.GetService<IQualityMetrics>();
        var stems = new List<string>();

        string window = string.Join("×", subject.Window.Skip(1)), stride = subject.Stride[^1].ToString(CultureInfo.InvariantCulture);
        step.Report($"Occlusion ({window} windows, stride {stride})", 0.05);
        var occlusionExplainer = context.Create("Occlusion",
            ("SlidingWindowShapes:0", Text(subject.Window[0])), ("SlidingWindowShapes:1", Text(subject.Window[1])), ("SlidingWindowShapes:2", Text(subject.Window[2])),
            ("Strides:0", Text(subject.Stride[0])), ("Strides:1", Text(subject.Stride[1])), ("Strides:2", Text(subject.Stride[2])));
        var occlusion = (AttributionExplanation)await occlusionExplainer.ExplainAsync(request, cancellationToken).ConfigureAwait(false);
        step.Report("Occlusion: deletion and insertion curves", 0.3);
        await AddCurves(quality, occlusion, occlusionExplainer, request, cancellationToken).ConfigureAwait(false);
        stems.Add(Add(context, occlusion, "image-occlusion", options, $"Occlusion of {subject.InputName} ({window} windows), deletion/insertion curves"));

        step.Report("importing the ONNX model into TorchSharp", 0.4);
        using var imported = (IPredictor)context.Models.Load(subject.ModelPath, [typeof(ILayerDifferentiable)]);
        var gradientRequest = new AttributionRequest { Model = imported, Inputs = request.Inputs, Targets = request.Targets, BaselineValue = 0f, Labels = labels };
        int steps = context.Quick ? 8 : 32;
        step.Report($"IntegratedGradients ({steps} steps)", 0.45);
        var igExplainer = context.Create("IntegratedGradients", ("Steps", Text(steps)));
        var ig = (AttributionExplanation)await igExplainer.ExplainAsync(gradientRequest, cancellationToken).ConfigureAwait(false);
        step.Report("IntegratedGradients: deletion and insertion curves", 0.7);
        await AddCurves(quality, ig, igExplainer, request, cancellationToken).ConfigureAwait(false);
        stems.Add(Add(context, ig, "image-integrated-gradients", options, $"IntegratedGradients on {subject.InputName} ({steps} steps), deletion/insertion curves"));
        context.Log(string.Create(CultureInfo.InvariantCulture, $"Images: IntegratedGradients completeness gap {Math.Abs(ig.ConvergenceDelta?[0] ?? double.NaN):G3}{Auc(ig)}"));

        step.Report($"LayerGradCam at {subject.GradCamLayer}", 0.85);
        var camExplainer = context.Create("LayerGradCam", ("Layer", subject.GradCamLayer), ("ReluAttributions", "true"));
        var cam = (AttributionExplanation)await camExplainer.ExplainAsync(gradientRequest, cancellationToken).ConfigureAwait(false);
        stems.Add(Add(context, cam, "image-grad-cam", options, $"LayerGradCam at {subject.GradCamLayer}"));

        context.Report.AddComparison("image-comparison", Title, stems, options, $"{subject.Name}: the three methods side by side");
        context.Log($"Images: Occlusion{Auc(occlusion)}; pages image-occlusion.html, image-integrated-gradients.html, image-grad-cam.html, image-comparison.html");
        step.Report("done", 1);
    }

    private string Add(DemoContext context, AttributionExplanation explanation, string stem, ReportOptions options, string title)
    {
        context.Report.Add(explanation, stem, Title, options, title: title);
        return stem;
    }

    /// <summary>Deletion and insertion curves (and their random-order references), computed on ONNX Runtime.</summary>
    private static async Task AddCurves(IQualityMetrics? quality, AttributionExplanation explanation, IExplainer explainer, AttributionRequest request, CancellationToken ct)
    {
        if (quality is null) return;
        await quality.AddAsync(explanation, explainer, request, ["deletion", "insertion"], ct).ConfigureAwait(false);
    }

    private static string Auc(AttributionExplanation e) =>
        e.Quality.TryGetValue("deletion_auc", out var d) && e.Quality.TryGetValue("insertion_auc", out var i)
            ? string.Create(CultureInfo.InvariantCulture, $", deletion AUC {d[0]:G3} (random {e.Quality["deletion_auc_random"][0]:G3}), insertion AUC {i[0]:G3} (random {e.Quality["insertion_auc_random"][0]:G3})")
            : string.Empty;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
