using Interp.Backends.TorchSharp.Models;
using Interp.Explainers;
using Interp.Explainers.Attribution.ExactShap;
using Interp.Explainers.Attribution.KernelShap;
using Interp.Explainers.Attribution.PermutationShap;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Shapley;

/// <summary>
/// The Shapley axioms as properties of random small ReLU networks (TorchSharp forward functions): efficiency,
/// symmetry, dummy and linearity, for the exact explainers and (efficiency, dummy) for the sampled one.
/// </summary>
public sealed class ShapleyAxiomTests
{
    private const int Features = 6;

    public static TheoryData<string, int> Explainers()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "ExactShap", "KernelShap", "PermutationShap" })
        {
            foreach (var seed in new[] { 1, 2, 3 }) data.Add(name, seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Explainers))]
    public async Task EfficiencyDummyAndSymmetryHoldOnRandomNetworks(string name, int seed)
    {
        var (w1, b1, w2) = RandomNet(seed);

        // Feature 5 is a dummy (zero column); features 0 and 1 are symmetric (equal columns, equal values).
        w1[.., 5] = 0;
        w1[.., 1] = w1[.., 0];
        using var model = Model(w1, b1, w2);
        var rng = new Random(seed);
        var x = Enumerable.Range(0, 2 * Features).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, Features).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        x[1] = x[0];
        x[Features + 1] = x[Features];
        b[1] = b[0];
        var e = await Explain(name, model, x, b);
        var fx = model.Predict([new NdArray<float>(x, 2, Features)]).Data;
        float fb = model.Predict([new NdArray<float>(b, 1, Features)]).Data[0];
        for (int n = 0; n < 2; n++)
        {
            var phi = e.Attributions.Row(n).ToArray();
            Assert.True(Math.Abs(phi.Sum() - (fx[n] - fb)) <= 1e-5, $"{name} efficiency: {phi.Sum()} vs {fx[n] - fb}");
            Assert.True(Math.Abs(phi[5]) <= 1e-6, $"{name} dummy: {phi[5]}");
            if (name != "PermutationShap") Assert.True(Math.Abs(phi[0] - phi[1]) <= 1e-5, $"{name} symmetry: {phi[0]} vs {phi[1]}");
        }
    }

    [Theory]
    [InlineData("ExactShap")]
    [InlineData("KernelShap")]
    public async Task ShapleyValuesAreLinearInTheModel(string name)
    {
        var (w1, b1, w2) = RandomNet(11);
        var (v1, c1, v2) = RandomNet(12);
        using var f = Model(w1, b1, w2);
        using var g = Model(v1, c1, v2);
        using var sum = new TorchModel(xs => f.Forward(xs) + g.Forward(xs), f.Inputs, f.Output, new ModelSource(null, null, "function"));
        var x = Enumerable.Range(0, Features).Select(i => 0.3f * i - 0.7f).ToArray();
        var b = new float[Features];
        var ef = await Explain(name, f, x, b);
        var eg = await Explain(name, g, x, b);
        var es = await Explain(name, sum, x, b);
        for (int i = 0; i < Features; i++)
        {
            Assert.True(Math.Abs(es.Attributions.Data[i] - (ef.Attributions.Data[i] + eg.Attributions.Data[i])) <= 1e-5, $"{name} feature {i}");
        }
    }

    private static (Tensor W1, Tensor B1, Tensor W2) RandomNet(int seed)
    {
        var generator = new Generator((ulong)seed);
        return (randn([8, Features], generator: generator), randn([8], generator: generator), randn([1, 8], generator: generator));
    }

    private static TorchModel Model(Tensor w1, Tensor b1, Tensor w2) => new(
        xs => nn.functional.relu(xs[0].matmul(w1.t()) + b1).matmul(w2.t()),
        [new TensorSpec("x", typeof(float), [-1, Features])], new TensorSpec("y", typeof(float), [-1, 1]), new ModelSource(null, null, "function"));

    private static Task<Interp.Explainers.Explanations.AttributionExplanation> Explain(string name, IModel model, float[] x, float[] background)
    {
        var request = new AttributionRequest
        {
            Model = model,
            Inputs = [new NdArray<float>(x, x.Length / Features, Features)],
            Baselines = new NdArray<float>(background, 1, Features),
            Targets = [0],
            Seed = 4,
        };
        return name switch
        {
            "ExactShap" => new ExactShap(new ExactShapOptions()).ExplainAsync(request),
            "KernelShap" => new KernelShap(new KernelShapOptions()).ExplainAsync(request),
            "PermutationShap" => new PermutationShap(new PermutationShapOptions { MaxEvals = 130 }).ExplainAsync(request),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
