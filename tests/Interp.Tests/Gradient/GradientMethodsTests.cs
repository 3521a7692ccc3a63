using System.Text.Json;
using Interp.Explainers.Attribution.Deconvolution;
using Interp.Explainers.Attribution.DeepLift;
using Interp.Explainers.Attribution.DeepLiftShap;
using Interp.Explainers.Attribution.GradientShap;
using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Attribution.GuidedBackprop;
using Interp.Explainers.Attribution.InputXGradient;
using Interp.Explainers.Attribution.NoiseTunnel;
using Interp.Explainers.Attribution.Saliency;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Perturbation;
using Interp.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using Xunit;

namespace Interp.Tests.Gradient;

/// <summary>Saliency, InputXGradient, GuidedBackprop, Deconvolution, DeepLift(Shap), GradientShap, NoiseTunnel against Captum 0.8.0 (abs 1e-5 + rel 1e-4).</summary>
public sealed class GradientMethodsTests
{
    private const double Abs = 1e-5, Rel = 1e-4;

    public GradientMethodsTests() => torch.set_num_threads(1);

    [Theory]
    [MemberData(nameof(ReferenceCase.GradientModels), MemberType = typeof(ReferenceCase))]
    public async Task SaliencyAndInputXGradient(string caseName, string kind)
    {
        using var c = new ReferenceCase(caseName);
        using var model = ReferenceCase.LoadGradientModel(caseName, kind);
        var request = c.RequestFor(model);
        Check(c, "saliency_abs", (await new Saliency(new SaliencyOptions()).ExplainAsync(request)).Attributions, kind);
        Check(c, "saliency_signed", (await new Saliency(new SaliencyOptions { Abs = false }).ExplainAsync(request)).Attributions, kind);
        Check(c, "input_x_gradient", (await new InputXGradient(new GradientOptions()).ExplainAsync(request)).Attributions, kind);
    }

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public async Task GuidedBackpropAndDeconvolutionThroughTheImportedGraph(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        using var model = ReferenceCase.LoadGradientModel(caseName, "onnx");
        Check(c, "guided_backprop", (await new GuidedBackprop(new GradientOptions()).ExplainAsync(c.RequestFor(model))).Attributions, "onnx");
        Check(c, "deconvolution", (await new Deconvolution(new GradientOptions()).ExplainAsync(c.RequestFor(model))).Attributions, "onnx");
    }

    [Fact]
    public async Task RuleBasedMethodsRefuseTorchScriptNamingTheCapability()
    {
        using var c = new ReferenceCase("cnn_tiny");
        using var model = ReferenceCase.LoadGradientModel("cnn_tiny", "torchscript");
        Interp.Explainers.IExplainer explainer = new GuidedBackprop(new GradientOptions());
        var ex = await Assert.ThrowsAsync<Interp.Explainers.MissingCapabilityException>(() => explainer.ExplainAsync(c.RequestFor(model)));
        Assert.Contains(nameof(IBackwardRules), ex.Message);
    }

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public async Task DeepLiftRescaleIsCaptumsAndComplete(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        using var model = ReferenceCase.LoadGradientModel(caseName, "onnx");
        var explanation = await new DeepLift(new DeepLiftOptions()).ExplainAsync(c.RequestFor(model));
        Check(c, "deeplift_rescale", explanation.Attributions, "onnx");
        Assert.All(explanation.ConvergenceDelta!, d => Assert.True(Math.Abs(d) < 1e-5, $"delta {d}"));
    }

    [Theory]
    [InlineData("mlp_tabular", "attributions")]
    [InlineData("cnn_tiny", "attributions_maxpool_rule")]
    public async Task DeepLiftShapMatchesTheCompleteReference(string caseName, string key)
    {
        // cnn_tiny: Captum 0.8.0 drops its max-pool rule when a ReLU feeds the pool (issue #1104); we implement the
        // rule, so we match the complete reference, whose attributions sum to f(x) − f(b) per pair.
        using var c = new ReferenceCase(caseName);
        using var model = ReferenceCase.LoadGradientModel(caseName, "onnx");
        var m = c.Method("deeplift_shap");
        var request = c.RequestFor(model);
        var withDistribution = new AttributionRequest { Model = model, Inputs = request.Inputs, Targets = request.Targets, Baselines = ReferenceCase.Floats(m.GetProperty("baselines")) };
        var explanation = await new DeepLiftShap(new DeepLiftOptions()).ExplainAsync(withDistribution);
        Assertions.Close(ReferenceCase.Floats(m.GetProperty(key)), explanation.Attributions, Abs, Rel, $"{caseName} deeplift_shap {key}");
        Assert.All(explanation.Quality["convergence_delta_per_pair"], d => Assert.True(Math.Abs(d) < 1e-5, $"pair delta {d}"));
    }

    [Theory]
    [MemberData(nameof(ReferenceCase.GradientModels), MemberType = typeof(ReferenceCase))]
    public void GradientShapFromCaptumsRecordedDraws(string caseName, string kind)
    {
        using var c = new ReferenceCase(caseName);
        using var model = ReferenceCase.LoadGradientModel(caseName, kind);
        var m = c.Method("gradient_shap");
        var request = c.RequestFor(model);
        var withDistribution = new AttributionRequest { Model = model, Inputs = request.Inputs, Targets = request.Targets, Baselines = ReferenceCase.Floats(m.GetProperty("baselines")) };
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(withDistribution, false, counter, allowBaselineDistribution: true);
        var draws = new GradientShapDraws(
            m.GetProperty("baseline_indices").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            ReferenceCase.Floats(m.GetProperty("noise")).Data,
            m.GetProperty("alphas").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray());
        var attributions = GradientShap.Attribute(setup, new GradientBatches(setup, new BatchPlanner(), 0, counter), draws, 5, true, CancellationToken.None);
        Check(c, "gradient_shap", new NdArray<float>(attributions, setup.Input.ShapeArray), kind);
    }

    [Theory]
    [InlineData("noise_tunnel_smoothgrad", "smoothgrad")]
    [InlineData("noise_tunnel_smoothgrad_sq", "smoothgrad_sq")]
    [InlineData("noise_tunnel_vargrad", "vargrad")]
    public async Task NoiseTunnelFromCaptumsRecordedNoise(string key, string type)
    {
        foreach (var caseName in new[] { "mlp_tabular", "cnn_tiny" })
        {
            using var c = new ReferenceCase(caseName);
            using var model = ReferenceCase.LoadGradientModel(caseName, "onnx");
            var m = c.Method(key);
            var noise = ReferenceCase.Floats(m.GetProperty("noise")).Data;
            var explanation = await NoiseTunnel.Run(c.RequestFor(model), new Saliency(new SaliencyOptions { Abs = true }), noise, 10, type, CancellationToken.None);
            Check(c, key, explanation.Attributions, "onnx");
        }
    }

    [Fact]
    public async Task NoiseTunnelWrapsARegisteredExplainerBySetOptions()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config(("Interp:Explainers:NoiseTunnel:Inner", "saliency"), ("Interp:Explainers:NoiseTunnel:Type", "vargrad"), ("Interp:Explainers:NoiseTunnel:Stdev", "0.1")));
        using var c = new ReferenceCase("mlp_tabular");
        using var model = ReferenceCase.LoadGradientModel("mlp_tabular", "onnx");
        Interp.Explainers.IExplainer tunnel = sp.GetRequiredService<IExplainerFactory>().Create("noise-tunnel");
        var a = (Interp.Explainers.Explanations.AttributionExplanation)await tunnel.ExplainAsync(c.RequestFor(model, seed: 4));
        var b = (Interp.Explainers.Explanations.AttributionExplanation)await tunnel.ExplainAsync(c.RequestFor(model, seed: 4));
        Assert.Equal(a.Attributions.Data, b.Attributions.Data);
        Assert.Equal(c.Request.Inputs[0].Shape, a.Attributions.Shape);
        Assert.All(a.Attributions.Data, v => Assert.True(v >= 0)); // a variance
        Assert.Contains(a.Attributions.Data, v => v > 0);
    }

    private static void Check(ReferenceCase c, string key, NdArray<float> actual, string kind) =>
        Assertions.Close(ReferenceCase.Floats(c.Method(key).GetProperty("attributions")), actual, Abs, Rel, $"{c.Name}/{kind} {key}");
}
