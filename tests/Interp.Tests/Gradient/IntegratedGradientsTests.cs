using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Attribution.IntegratedGradients;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Gradient;

/// <summary>IntegratedGradients against Captum 0.8.0 (abs 1e-5 + rel 1e-4), through the imported ONNX model and TorchScript.</summary>
public sealed class IntegratedGradientsTests
{
    public IntegratedGradientsTests() => torch.set_num_threads(1);

    [Theory]
    [MemberData(nameof(ReferenceCase.GradientModels), MemberType = typeof(ReferenceCase))]
    public async Task EveryCaptumRuleIsReproduced(string caseName, string kind)
    {
        using var c = new ReferenceCase(caseName);
        using var model = ReferenceCase.LoadGradientModel(caseName, kind);
        foreach (var (key, rule) in new[] { ("ig_gausslegendre", "gausslegendre"), ("ig_riemann_left", "riemann_left"), ("ig_riemann_right", "riemann_right"), ("ig_riemann_middle", "riemann_middle"), ("ig_riemann_trapezoid", "riemann_trapezoid"), ("ig_trapezoid_textbook", "trapezoid") })
        {
            var explanation = await new IntegratedGradients(new IntegratedGradientsOptions { Rule = rule, Steps = 50 }).ExplainAsync(c.RequestFor(model));
            var expected = c.Method(key);
            Assertions.Close(ReferenceCase.Floats(expected.GetProperty("attributions")), explanation.Attributions, 1e-5, 1e-4, $"{caseName}/{kind} {key}");
            var delta = expected.GetProperty("convergence_delta").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (int n = 0; n < delta.Length; n++) Assert.True(Math.Abs(delta[n] - explanation.ConvergenceDelta![n]) < 1e-4, $"{key} delta {n}: {delta[n]} vs {explanation.ConvergenceDelta![n]}");
        }
    }

    [Fact]
    public void QuadratureNodesAndWeightsAreCaptums()
    {
        using var c = new ReferenceCase("mlp_tabular");
        foreach (var (key, rule) in new[] { ("ig_gausslegendre", IntegrationRule.GaussLegendre), ("ig_riemann_trapezoid", IntegrationRule.RiemannTrapezoid), ("ig_riemann_left", IntegrationRule.RiemannLeft), ("ig_riemann_middle", IntegrationRule.RiemannMiddle) })
        {
            var (alphas, weights) = Quadrature.Get(rule, 50);
            var expectedAlphas = c.Method(key).GetProperty("alphas").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var expectedWeights = c.Method(key).GetProperty("step_sizes").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (int k = 0; k < 50; k++)
            {
                // The reference lists hold float32 values computed in float32 (torch.linspace): within 2 ulps.
                Assert.True(Math.Abs(expectedAlphas[k] - alphas[k]) < 2e-7, $"{key} alpha {k}: {expectedAlphas[k]} vs {alphas[k]}");
                Assert.True(Math.Abs(expectedWeights[k] - weights[k]) < 2e-7, $"{key} weight {k}: {expectedWeights[k]} vs {weights[k]}");
            }
        }
    }

    [Theory]
    [InlineData("gausslegendre")]
    [InlineData("riemann_left")]
    [InlineData("riemann_right")]
    [InlineData("riemann_middle")]
    [InlineData("trapezoid")]
    public async Task ExactOnLinearModelsForEveryRuleWhoseWeightsSumToOne(string rule)
    {
        // f(x) = x·w + 0.5: every rule whose weights sum to 1 integrates a constant gradient exactly.
        var w = tensor(new float[] { 0.5f, -2f, 1.25f, 3f });
        using var model = new Interp.Backends.TorchSharp.Models.TorchModel(xs => (xs[0].matmul(w) + 0.5f).unsqueeze(1),
            [new Interp.Explainers.Models.TensorSpec("x", typeof(float), [-1, 4])], new Interp.Explainers.Models.TensorSpec("y", typeof(float), [-1, 1]), new Interp.Explainers.Models.ModelSource(null, null, "test"));
        var x = new NdArray<float>([1, 2, 3, 4, -1, 0.5f, 2, -3], 2, 4);
        var baseline = new NdArray<float>([0.1f, -0.2f, 0.3f, 0.4f], 1, 4);
        var explanation = await new IntegratedGradients(new IntegratedGradientsOptions { Rule = rule, Steps = 7 }).ExplainAsync(new AttributionRequest { Model = model, Inputs = [x], Baselines = baseline });
        var weights = new[] { 0.5, -2, 1.25, 3 };
        for (int i = 0; i < 8; i++) Assert.Equal((x.Data[i] - baseline.Data[i % 4]) * weights[i % 4], explanation.Attributions.Data[i], 5);
        Assert.All(explanation.ConvergenceDelta!, d => Assert.True(Math.Abs(d) < 1e-5));
    }

    [Fact]
    public async Task DeltaShrinksWithStepsOnASmoothModel()
    {
        // f(x) = sum(tanh(x)·v): smooth, so the quadrature error falls as steps grow.
        var v = tensor(new float[] { 1.5f, -0.7f, 2f });
        using var model = new Interp.Backends.TorchSharp.Models.TorchModel(xs => (xs[0].tanh() * v).sum(1, keepdim: true),
            [new Interp.Explainers.Models.TensorSpec("x", typeof(float), [-1, 3])], new Interp.Explainers.Models.TensorSpec("y", typeof(float), [-1, 1]), new Interp.Explainers.Models.ModelSource(null, null, "test"));
        var request = new AttributionRequest { Model = model, Inputs = [new NdArray<float>([2.5f, -1.5f, 3f], 1, 3)] };
        double previous = double.PositiveInfinity;
        foreach (var steps in new[] { 2, 4, 8, 16 })
        {
            var e = await new IntegratedGradients(new IntegratedGradientsOptions { Rule = "riemann_middle", Steps = steps }).ExplainAsync(request);
            double delta = Math.Abs(e.ConvergenceDelta![0]);
            Assert.True(delta < previous, $"{steps} steps: |delta| {delta} did not shrink from {previous}");
            previous = delta;
        }

        Assert.True(previous < 1e-2);
    }

    [Fact]
    public async Task ADistributionOfBaselinesAveragesOverIt()
    {
        using var c = new ReferenceCase("mlp_tabular");
        using var model = ReferenceCase.LoadGradientModel("mlp_tabular", "onnx");
        var rng = new Random(3);
        var distribution = new NdArray<float>(Enumerable.Range(0, 5 * 8).Select(_ => (float)rng.NextDouble()).ToArray(), 5, 8);
        var request = c.RequestFor(model);
        var all = await new IntegratedGradients(new IntegratedGradientsOptions()).ExplainAsync(new AttributionRequest { Model = model, Inputs = request.Inputs, Targets = request.Targets, Baselines = distribution });
        var expected = new double[3 * 8];
        for (int j = 0; j < 5; j++)
        {
            var single = await new IntegratedGradients(new IntegratedGradientsOptions()).ExplainAsync(new AttributionRequest { Model = model, Inputs = request.Inputs, Targets = request.Targets, Baselines = distribution.RowArray(j).Reshape(1, 8) });
            for (int i = 0; i < expected.Length; i++) expected[i] += single.Attributions.Data[i] / 5.0;
        }

        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], all.Attributions.Data[i], 5);
    }
}
