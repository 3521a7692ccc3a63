using Interp.Explainers;
using Interp.Explainers.Attribution.GuidedGradCam;
using Interp.Explainers.Attribution.LayerActivation;
using Interp.Explainers.Attribution.LayerConductance;
using Interp.Explainers.Attribution.LayerGradCam;
using Interp.Explainers.Attribution.LayerGradientXActivation;
using Interp.Explainers.Attribution.LayerIntegratedGradients;
using Interp.Explainers.Attribution.Layers;
using Interp.Explainers.Tensors;
using TorchSharp;
using Xunit;

namespace Interp.Tests.Gradient;

/// <summary>Layer methods on the ONNX value of the reference layer (mlp: /1/Relu_output_0, cnn: /0/Conv_output_0) against Captum 0.8.0.</summary>
public sealed class LayerMethodsTests
{
    private const double Abs = 1e-5, Rel = 1e-4;

    public LayerMethodsTests() => torch.set_num_threads(1);

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public async Task ActivationGradientXActivationIntegratedGradientsAndConductance(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        using var model = ReferenceCase.LoadGradientModel(caseName, "onnx");
        string layer = c.Method("layer_activation").GetProperty("params").GetProperty("layer").GetProperty("onnx_value").GetString()!;
        var request = c.RequestFor(model);
        Check(c, "layer_activation", (await new LayerActivation(new LayerOptions { Layer = layer }).ExplainAsync(request)).Attributions);
        Check(c, "layer_gradient_x_activation", (await new LayerGradientXActivation(new LayerOptions { Layer = layer }).ExplainAsync(request)).Attributions);

        var lig = await new LayerIntegratedGradients(new LayerPathOptions { Layer = layer }).ExplainAsync(request);
        Check(c, "layer_integrated_gradients", lig.Attributions);
        CheckDelta(c, "layer_integrated_gradients", lig.ConvergenceDelta!);

        var conductance = await new LayerConductance(new LayerPathOptions { Layer = layer }).ExplainAsync(request);
        Check(c, "layer_conductance", conductance.Attributions);
        CheckDelta(c, "layer_conductance", conductance.ConvergenceDelta!);
    }

    [Fact]
    public async Task GradCamBothVariantsAndGuidedGradCam()
    {
        using var c = new ReferenceCase("cnn_tiny");
        using var model = ReferenceCase.LoadGradientModel("cnn_tiny", "onnx");
        var request = c.RequestFor(model);
        foreach (var entry in c.Method("layer_grad_cam").EnumerateArray())
        {
            bool relu = entry.GetProperty("params").GetProperty("relu_attributions").GetBoolean();
            var cam = await new LayerGradCam(new LayerGradCamOptions { Layer = "/0/Conv_output_0", ReluAttributions = relu }).ExplainAsync(request);
            Assertions.Close(ReferenceCase.Floats(entry.GetProperty("attributions")), cam.Attributions, Abs, Rel, $"layer_grad_cam relu={relu}");
        }

        Check(c, "guided_grad_cam", (await new GuidedGradCam(new LayerOptions { Layer = "/0/Conv_output_0" }).ExplainAsync(request)).Attributions);
    }

    [Fact]
    public async Task AMissingOrUnknownLayerIsAClearError()
    {
        using var c = new ReferenceCase("cnn_tiny");
        using var model = ReferenceCase.LoadGradientModel("cnn_tiny", "onnx");
        var missing = await Assert.ThrowsAsync<InterpException>(() => new LayerGradCam(new LayerGradCamOptions()).ExplainAsync(c.RequestFor(model)));
        Assert.Contains("--layer", missing.Message);
        Assert.Contains("/0/Conv_output_0", missing.Message);
        var unknown = await Assert.ThrowsAsync<InterpException>(() => new LayerGradCam(new LayerGradCamOptions { Layer = "/0/Conv_outptu_0" }).ExplainAsync(c.RequestFor(model)));
        Assert.Contains("Closest: /0/Conv_output_0", unknown.Message);
    }

    private static void Check(ReferenceCase c, string key, NdArray<float> actual) =>
        Assertions.Close(ReferenceCase.Floats(c.Method(key).GetProperty("attributions")), actual, Abs, Rel, $"{c.Name} {key}");

    private static void CheckDelta(ReferenceCase c, string key, double[] delta)
    {
        var expected = c.Method(key).GetProperty("convergence_delta").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int n = 0; n < expected.Length; n++) Assert.True(Math.Abs(expected[n] - delta[n]) < 1e-4, $"{c.Name} {key} delta {n}: {expected[n]} vs {delta[n]}");
    }
}
