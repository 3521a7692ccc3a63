using Interp.Explainers;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Sae.LinearProbe;
using Interp.Explainers.Tensors;
using Interp.Sae;
using Interp.Sae.Architectures;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>LinearProbe on a synthetic concept planted along one SAE decoder direction.</summary>
public sealed class LinearProbeTests
{
    private const int D = 16, N = 400, Planted = 7;

    [Fact]
    public async Task SeparableConceptIsFoundAndMatchesThePlantedFeature()
    {
        var rng = new SaeRandom(11);
        var u = Unit(Enumerable.Range(0, D).Select(_ => rng.NextGaussian()).ToArray());
        var x = new float[N * D];
        var labels = new int[N];
        for (int i = 0; i < N; i++)
        {
            labels[i] = i % 2;
            for (int j = 0; j < D; j++) x[(i * D) + j] = (float)(rng.NextGaussian() + ((2 * labels[i]) - 1) * 2.0 * u[j]);
        }

        var path = SaveSae(u, rng);
        try
        {
            var probe = new LinearProbe(new LinearProbeOptions());
            var e = await probe.ExplainAsync(new ConceptRequest
            {
                Model = new NoModel(), HookPoint = "blocks.0.hook_resid_post", Activations = new NdArray<float>(x, N, D), Labels = new NdArray<int>(labels, N), SaePath = path,
            });
            Assert.True(e.Accuracy > 0.95, $"held-out accuracy {e.Accuracy}");
            Assert.Equal(100, e.HeldOutExamples);
            Assert.Single(e.Weights);
            var best = e.SaeMatches!.First();
            Assert.Equal(Planted, best.Feature);
            Assert.True(best.Cosine > 0.9, $"cosine {best.Cosine}");
            Assert.All(e.SaeMatches!.Skip(1), m => Assert.True(Math.Abs(m.Cosine) <= Math.Abs(best.Cosine)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BadLabelsAreConfigurationErrors()
    {
        var probe = new LinearProbe(new LinearProbeOptions());
        var one = await Assert.ThrowsAsync<InterpException>(() => probe.ExplainAsync(new ConceptRequest
        {
            Model = new NoModel(), HookPoint = "h", Activations = new NdArray<float>(new float[8 * 2], 8, 2), Labels = new NdArray<int>(new int[8], 8),
        }));
        Assert.Contains("single class", one.Message);
        await Assert.ThrowsAsync<InterpException>(() => probe.ExplainAsync(new ConceptRequest
        {
            Model = new NoModel(), HookPoint = "h", Activations = new NdArray<float>(new float[8 * 2], 8, 2), Labels = new NdArray<int>(new int[5], 5),
        }));
    }

    private static double[] Unit(double[] v)
    {
        double n = Math.Sqrt(v.Sum(a => a * a));
        return v.Select(a => a / n).ToArray();
    }

    private static string SaveSae(double[] planted, SaeRandom rng)
    {
        const int dSae = 32;
        var wDec = new float[dSae * D];
        for (int f = 0; f < dSae; f++)
        {
            var row = f == Planted ? planted : Unit(Enumerable.Range(0, D).Select(_ => rng.NextGaussian()).ToArray());
            for (int j = 0; j < D; j++) wDec[(f * D) + j] = (float)row[j];
        }

        var dec = tensor(wDec, [dSae, D]);
        var config = new SaeConfig("standard", D, dSae) { HookName = "blocks.0.hook_resid_post" };
        using var sae = SaeArchitectureRegistry.CreateDefault().Get("standard").Create(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = dec.t().contiguous(), ["W_dec"] = dec, ["b_enc"] = zeros(dSae), ["b_dec"] = zeros(D),
        });
        var path = Path.Combine(Path.GetTempPath(), $"interp-probe-{Guid.NewGuid():N}.safetensors");
        sae.Save(path);
        return path;
    }

    private sealed class NoModel : IModel
    {
        public ModelSource Source => new("synthetic", null, "none");

        public void Dispose()
        {
        }
    }
}
