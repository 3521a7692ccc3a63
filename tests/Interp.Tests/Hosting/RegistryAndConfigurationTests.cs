using Interp.Explainers;
using Interp.Explainers.Attribution.FeatureAblation;
using Interp.Explainers.Attribution.Occlusion;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Plugins;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Interp.Tests.Hosting;

public sealed class RegistryAndConfigurationTests
{
    [Theory]
    [InlineData("FeatureAblation", "feature-ablation")]
    [InlineData("LayerGradCam", "layer-grad-cam")]
    [InlineData("KernelShap", "kernel-shap")]
    [InlineData("IntegratedGradients", "integrated-gradients")]
    [InlineData("Lime", "lime")]
    public void AliasIsKebabCaseOfTheName(string name, string alias) => Assert.Equal(alias, ExplainerDescriptor.ToKebabCase(name));

    [Theory]
    [InlineData("deeplift", "DeepLift")]
    [InlineData("deep-lift", "DeepLift")]
    [InlineData("deeplift-shap", "DeepLiftShap")]
    [InlineData("input-x-gradient", "InputXGradient")]
    [InlineData("integrated-gradients", "IntegratedGradients")]
    [InlineData("noise-tunnel", "NoiseTunnel")]
    [InlineData("kernel-shap", "KernelShap")]
    public void TheIssuesCliAliasesResolve(string alias, string name)
    {
        using var sp = HostTestKit.Build(HostTestKit.Config());
        Assert.Equal(name, sp.Registry().Require(alias).Name);
    }

    [Fact]
    public void RegistryFindsByNameAndAliasCaseInsensitively()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config());
        var registry = sp.Registry();
        Assert.Equal("FeatureAblation", registry.Require("feature-ablation").Name);
        Assert.Equal("FeatureAblation", registry.Require("FEATUREABLATION").Name);
        Assert.Equal("Occlusion", registry.Require("occlusion").Name);
        Assert.Equal("pack", registry.Require("occlusion").Source);
        Assert.Equal("plugin", registry.Require("lime").Source);
        var ex = Assert.Throws<InterpException>(() => registry.Require("no-such-method"));
        Assert.Contains("no-such-method", ex.Message);
        Assert.Contains("feature-ablation", ex.Message);
        Assert.True(ex.IsConfigurationError);
    }

    [Fact]
    public void ExplainerIsAKeyedServiceUnderItsName()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config(("Interp:Explainers:Occlusion:SlidingWindowShapes:0", "3")));
        var explainer = sp.GetRequiredKeyedService<IExplainer>("Occlusion");
        Assert.IsType<Occlusion>(explainer);
        Assert.Equal([3], ((OcclusionOptions)explainer.Options).SlidingWindowShapes!);
    }

    [Fact]
    public void OptionsBindFromTheirSection()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config(
            ("Interp:Explainers:FeatureAblation:Mask", "grouped"),
            ("Interp:Explainers:FeatureAblation:PerturbationsPerEval", "7")));
        var options = (FeatureAblationOptions)sp.Factory().Create("feature-ablation").Options;
        Assert.Equal(MaskKind.Grouped, options.Mask);
        Assert.Equal(7, options.PerturbationsPerEval);
    }

    [Fact]
    public void UnknownOptionKeyFailsAtStartNamingTheKey()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config(("Interp:Explainers:FeatureAblation:Stepz", "5")));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.ValidateInterpConfiguration());
        Assert.Contains("Interp:Explainers:FeatureAblation:Stepz", ex.Message);
        Assert.Contains("PerturbationsPerEval", ex.Message);
    }

    [Fact]
    public void UnknownExplainerSectionFailsAtStartNamingIt()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config(("Interp:Explainers:FeatureAblashun:Mask", "feature")));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.ValidateInterpConfiguration());
        Assert.Contains("FeatureAblashun", ex.Message);
    }

    [Theory]
    [InlineData("Interp:Explainers:FeatureAblation:PerturbationsPerEval", "-1", "PerturbationsPerEval")]
    [InlineData("Interp:Explainers:FeatureAblation:PerturbationsPerEval", "many", "PerturbationsPerEval")]
    [InlineData("Interp:Explainers:Occlusion:Strides:0", "0", "Strides")]
    [InlineData("Interp:Device", "gpu", "Interp:Device")]
    [InlineData("Interp:MaxBatchBytes", "12", "MaxBatchBytes")]
    public void OutOfRangeOrUnconvertibleValuesFailAtStart(string key, string value, string named)
    {
        using var sp = HostTestKit.Build(HostTestKit.Config((key, value)));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.ValidateInterpConfiguration());
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void CrossFieldRuleFailsAtStart()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config(
            ("Interp:Explainers:Occlusion:SlidingWindowShapes:0", "1"),
            ("Interp:Explainers:Occlusion:SlidingWindowShapes:1", "2"),
            ("Interp:Explainers:Occlusion:Strides:0", "1")));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.ValidateInterpConfiguration());
        Assert.Contains("Strides", ex.Message);
        Assert.Contains("SlidingWindowShapes", ex.Message);
    }

    [Fact]
    public void ValidConfigurationPassesStartValidation()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config(("Interp:Explainers:FeatureAblation:Mask", "Feature"), ("Interp:Device", "cpu")));
        sp.ValidateInterpConfiguration();
        Assert.Equal(ComputeDevice.Cpu, sp.GetRequiredService<ComputeDevice>());
    }

    [Fact]
    public void TwoExplainersWithOneNameAreRejectedNamingBoth()
    {
        var services = new ServiceCollection();
        var builder = services.AddExplainers(HostTestKit.Config()).AddAttributionExplainers();
        var ex = Assert.Throws<InterpException>(() => builder.AddPlugin(new DuplicatePlugin()));
        Assert.Contains("FeatureAblation", ex.Message);
        Assert.Contains("duplicate", ex.Message);
        Assert.Contains("Explainers.Attribution", ex.Message);
    }

    [Fact]
    public void PluginWhoseRegistrationThrowsGetsAClearErrorAndRegistersNothing()
    {
        var services = new ServiceCollection();
        var builder = services.AddExplainers(HostTestKit.Config());
        var ex = Assert.Throws<InterpException>(() => builder.AddPlugin(new ThrowingPlugin()));
        Assert.Contains(nameof(ThrowingPlugin), ex.Message);
        Assert.Contains("boom", ex.Message);
        using var sp = services.BuildServiceProvider();
        Assert.Null(sp.Registry().Find("feature-ablation"));
    }

    [Fact]
    public async Task ModelLackingACapabilityGetsAnErrorNamingBoth()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config());
        IExplainer explainer = sp.Factory().Create("feature-ablation");
        var request = new AttributionRequest { Model = new NotAPredictor(), Inputs = [NdArray<float>.Zeros(1, 2)] };
        var ex = await Assert.ThrowsAsync<MissingCapabilityException>(() => explainer.ExplainAsync(request));
        Assert.Contains("FeatureAblation", ex.Message);
        Assert.Contains(nameof(IPredictor), ex.Message);
        Assert.Contains(nameof(NotAPredictor), ex.Message);
    }

    [Fact]
    public void CudaWithoutFallbackIsAClearErrorAndWithFallbackIsTheCpu()
    {
        using (var sp = HostTestKit.Build(HostTestKit.Config(("Interp:Device", "cuda:0"), ("Interp:FallbackToCpu", "false"))))
        {
            var ex = Assert.Throws<InterpException>(() => sp.GetRequiredService<ComputeDevice>());
            Assert.Contains("cuda:0", ex.Message);
            Assert.Contains("Interp:FallbackToCpu", ex.Message);
        }

        using (var sp = HostTestKit.Build(HostTestKit.Config(("Interp:Device", "cuda:0"), ("Interp:FallbackToCpu", "true"))))
        {
            Assert.Equal(ComputeDevice.Cpu, sp.GetRequiredService<ComputeDevice>());
        }
    }

    private sealed class DuplicatePlugin : IInterpPlugin
    {
        public string Name => "duplicate";

        public void Register(IExplainerRegistrar registrar) => registrar.AddExplainer<FeatureAblation>();
    }

    private sealed class ThrowingPlugin : IInterpPlugin
    {
        public string Name => "throwing";

        public void Register(IExplainerRegistrar registrar)
        {
            registrar.AddExplainer<FeatureAblation>();
            throw new InvalidOperationException("boom");
        }
    }

    private sealed class NotAPredictor : IModel
    {
        public ModelSource Source { get; } = new(null, null, "test");

        public void Dispose()
        {
        }
    }
}
