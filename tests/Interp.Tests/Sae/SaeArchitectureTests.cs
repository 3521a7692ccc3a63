using Interp.Explainers;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Evaluation;
using Interp.Sae.Training;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>Architectures against their definitions, the registry, and the evaluation metrics on the identity SAE.</summary>
public sealed class SaeArchitectureTests
{
    [Theory]
    [InlineData("standard")]
    [InlineData("topk")]
    public void IdentitySaeScoresExplainedVarianceOneAndMseZero(string architecture)
    {
        using var sae = SaeTestKit.IdentitySae(8, architecture);
        var random = new Interp.Sae.SaeRandom(3);
        var batches = Enumerable.Range(0, 3).Select(_ => torch.tensor(Enumerable.Range(0, 64 * 8).Select(_ => (float)random.NextGaussian()).ToArray(), [64, 8])).ToList();
        var metrics = SaeEvaluator.Evaluate(sae, batches);
        Assert.Equal(0.0, metrics.Mse);
        Assert.Equal(1.0, metrics.ExplainedVariance, 12);
        // Each coordinate is nonzero, so exactly one of x⁺, x⁻ fires per dimension: l0 = d.
        Assert.Equal(8.0, metrics.L0);
        Assert.Equal(0, metrics.DeadFeatures);
        Assert.Equal(16, metrics.DenseFeatures);
        Assert.Equal(16, metrics.DensityHistogram.Counts.Sum());
        Assert.Equal(192, metrics.Tokens);
    }

    [Fact]
    public void ZeroSaeExplainsNoVarianceBeyondTheMean()
    {
        // An SAE whose reconstruction is the data mean explains exactly 0 of the variance (the definition's reference point).
        var x = torch.tensor(new float[] { 1, 2, 3, 5, -1, 0, 2, 2 }, [4, 2]);
        var mean = x.mean([0L]);
        var config = new SaeConfig("standard", 2, 3);
        using var sae = new StandardSae(config, new Dictionary<string, Tensor>
        {
            ["W_enc"] = torch.zeros(2, 3), ["W_dec"] = torch.zeros(3, 2), ["b_enc"] = torch.zeros(3), ["b_dec"] = mean,
        });
        var m = SaeEvaluator.Evaluate(sae, [x]);
        Assert.Equal(0.0, m.ExplainedVariance, 6);
        Assert.Equal(3, m.DeadFeatures);
        Assert.Equal(0.0, m.L0);
    }

    [Fact]
    public void TopKKeepsExactlyTheKLargestPreActivations()
    {
        var random = new Interp.Sae.SaeRandom(5);
        var config = new SaeConfig("topk", 6, 20) { K = 4 };
        using var training = new TopKArchitecture().CreateTraining(config, new SaeTrainingOptions(), random);
        using var sae = training.ToInference();
        var x = torch.randn(10, 6, generator: torch.manual_seed(1));
        var f = sae.Encode(x);
        var pre = sae.HiddenPre(x);
        for (int r = 0; r < 10; r++)
        {
            var kth = pre[r].sort(descending: true).Values[3].item<float>();
            for (int j = 0; j < 20; j++)
            {
                float p = pre[r, j].item<float>(), v = f[r, j].item<float>();
                Assert.Equal(p >= kth ? Math.Max(p, 0) : 0, v);
            }
        }
    }

    [Fact]
    public void TopKSparseTrainingGradientsEqualTheDenseFormulation()
    {
        // The fast path (gathers) must give the gradients of mse(decode(topk(encode(x))), x) computed densely.
        var config = new SaeConfig("topk", 5, 12) { K = 3 };
        var options = new SaeTrainingOptions { AuxKCoefficient = 0 };
        using var training = new TopKArchitecture().CreateTraining(config, options, new Interp.Sae.SaeRandom(9));
        using (torch.no_grad()) training.Parameters["b_dec"].copy_(torch.tensor(new float[] { 0.1f, -0.2f, 0.3f, 0f, 0.05f }));
        var x = torch.randn(7, 5, generator: torch.manual_seed(2));
        var context = new TrainingStepContext(0, 1, torch.zeros(12, ScalarType.Bool), options);
        var names = training.Parameters.Keys.Order(StringComparer.Ordinal).ToList();
        var fast = torch.autograd.grad([training.Forward(x, context).Loss], names.Select(n => training.Parameters[n]).ToList());

        var p = training.Parameters;
        var pre = (x - p["b_dec"]).matmul(p["W_enc"]) + p["b_enc"];
        var (values, indices) = pre.topk(3, dim: 1);
        var acts = torch.zeros_like(pre).scatter(1, indices, torch.nn.functional.relu(values));
        var recon = acts.matmul(p["W_dec"]) + p["b_dec"];
        var dense = torch.autograd.grad([(recon - x).pow(2).sum(1).mean()], names.Select(n => p[n]).ToList());
        for (int i = 0; i < names.Count; i++)
        {
            Assert.True(torch.allclose(fast[i], dense[i], rtol: 1e-5, atol: 1e-6), $"gradient of {names[i]} differs");
        }
    }

    [Fact]
    public void JumpReluThresholdGradientIsTheStraightThroughEstimator()
    {
        // ∂L0/∂θ_j = −(1/ε)·Σ_b K((z_bj − θ_j)/ε) / batch and ∂JumpReLU/∂θ = −(θ/ε)·K(...), K the rectangle kernel
        // (Rajamanoharan et al. 2024); with log_threshold as the parameter the chain rule multiplies by θ.
        const double eps = 0.5;
        var config = new SaeConfig("jumprelu", 4, 6);
        var options = new SaeTrainingOptions { JumpReluBandwidth = eps, JumpReluInitThreshold = 0.3 };
        using var training = new JumpReluArchitecture().CreateTraining(config, options, new Interp.Sae.SaeRandom(4));
        var x = torch.randn(32, 4, generator: torch.manual_seed(3));
        var context = new TrainingStepContext(0, 1.0, torch.zeros(6, ScalarType.Bool), options);
        var output = training.Forward(x, context);
        var l0Grad = torch.autograd.grad([output.Loss], [training.Parameters["log_threshold"]])[0];

        // loss = mse + 1·l0: the expected gradient is the sum of both estimator terms.
        using var noGrad = torch.no_grad();
        var p = training.Parameters;
        var z = (x - p["b_dec"]).matmul(p["W_enc"]) + p["b_enc"];
        var theta = p["log_threshold"].exp();
        var kernel = (z - theta).abs().lt(eps / 2).to(ScalarType.Float32);
        var step = z.gt(theta).to(ScalarType.Float32);
        var dFdTheta = -(theta / eps) * kernel;                       // ∂f/∂θ per (b, j)
        var recon = (z * step).matmul(p["W_dec"]) + p["b_dec"];
        var dLdF = (2 * (recon - x)).matmul(p["W_dec"].t()) / 32;        // ∂mse/∂f
        var expectedMse = (dLdF * dFdTheta).sum(dim: 0) * theta;
        var expectedL0 = (-(1.0 / eps) * kernel).sum(dim: 0) / 32 * theta;
        var expected = expectedMse + expectedL0;
        Assert.True(torch.allclose(l0Grad, expected.detach(), rtol: 1e-4, atol: 1e-6), $"got {string.Join(",", l0Grad.data<float>().ToArray())}, expected {string.Join(",", expected.detach().data<float>().ToArray())}");
        Assert.True(kernel.sum().item<float>() > 0, "the test needs pre-activations inside the kernel");
    }

    [Fact]
    public void GeometricMedianIsTheRobustCentre()
    {
        // Collinear points: the geometric median is the ordinary median (1, 2), whatever the outlier; the mean is not.
        var x = torch.tensor(new float[] { 0, 2, 1, 2, 1000, 2, 0.5f, 2, 3, 2 }, [5, 2]);
        var median = DecoderBiasInit.GeometricMedian(x).data<float>().ToArray();
        Assert.Equal(1.0, median[0], 3);
        Assert.Equal(2.0, median[1], 3);
        Assert.Equal(200.9, DecoderBiasInit.Mean(x).data<float>()[0], 3);
    }

    [Fact]
    public void RegistryRejectsDuplicateNamesAndNamesBothTypes()
    {
        var ex = Assert.Throws<InterpException>(() => SaeArchitectureRegistry.CreateDefault(new TopKArchitecture()));
        Assert.Contains("'topk'", ex.Message);
        Assert.Contains(nameof(TopKArchitecture), ex.Message);

        var services = new ServiceCollection().AddSae().AddSae();
        services.AddSaeArchitecture(new TopKArchitecture());
        using var provider = services.BuildServiceProvider();
        Assert.Throws<InterpException>(() => provider.GetRequiredService<SaeArchitectureRegistry>());
    }

    [Fact]
    public void RegistryThroughDiListsTheBuiltIns()
    {
        using var provider = new ServiceCollection().AddSae().AddSae().BuildServiceProvider();
        var registry = provider.GetRequiredService<SaeArchitectureRegistry>();
        Assert.Equal(["gated", "jumprelu", "standard", "topk"], registry.Names);
        var ex = Assert.Throws<InterpException>(() => registry.Get("nope"));
        Assert.Contains("standard", ex.Message);
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("topk")]
    [InlineData("jumprelu")]
    [InlineData("gated")]
    public void SavedSaeLoadsBackWithTheSameOutputs(string architecture)
    {
        var config = new SaeConfig(architecture, 6, 10) { K = architecture == "topk" ? 3 : 0, HookName = "blocks.1.hook_resid_pre" };
        var registry = SaeArchitectureRegistry.CreateDefault();
        using var training = registry.Get(architecture).CreateTraining(config, new SaeTrainingOptions(), new Interp.Sae.SaeRandom(11));
        using var sae = training.ToInference();
        var path = Path.Combine(SaeTestKit.TempDir("save"), "sae.safetensors");
        sae.Save(path);
        using var loaded = registry.Load(path);
        Assert.Equal(config.ToJson(), loaded.Config.ToJson());
        Assert.IsType(sae.GetType(), loaded);
        var x = torch.randn(5, 6, generator: torch.manual_seed(7));
        Assert.True(torch.allclose(sae.Forward(x), loaded.Forward(x), rtol: 0, atol: 0));
    }
}
