using Interp.Core.Plugins;
using Interp.Explainers.Plugins;
using Interp.Sae.Architectures;
using Interp.Sae.Toy;
using Interp.Sae.Training;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Interp.Tests.Sae;

/// <summary>A third-party SAE architecture (plugins/Interp.Plugins.SaeArchitectures) loaded through the plugin loader and registered by DI.</summary>
public sealed class SaePluginTests
{
    private static string PluginFolder => Path.Combine(TestPaths.RepoRoot, "plugins", "Interp.Plugins.SaeArchitectures", "bin", TestPaths.Configuration, "net10.0");

    private sealed class Registrar(IServiceCollection services) : IExplainerRegistrar
    {
        public IServiceCollection Services { get; } = services;

        public void Add(ExplainerDescriptor descriptor) => throw new InvalidOperationException("this plugin registers no explainer");
    }

    [Fact]
    public void PluginArchitectureLoadsThroughThePluginLoaderAndTrains()
    {
        Assert.False(File.Exists(Path.Combine(PluginFolder, "Interp.Sae.dll")), "the plugin must not ship its own Interp.Sae");
        var plugin = PluginLoader.Load(PluginFolder);
        Assert.NotSame(typeof(SaePluginTests).Assembly, plugin.GetType().Assembly);
        Assert.NotEqual(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(plugin.GetType().Assembly));

        var services = new ServiceCollection().AddSae();
        plugin.Register(new Registrar(services));
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<SaeArchitectureRegistry>();
        Assert.Contains("batchtopk", registry.Names);
        Assert.Contains("topk", registry.Names);

        var config = new Interp.Sae.SaeConfig("batchtopk", 16, 32) { K = 3 };
        var options = new SaeTrainingOptions { TotalSteps = 30, BatchSize = 64, LearningRate = 3e-3, DecoderBiasInit = "mean" };
        var result = ToyBenchmark.Run(new SuperpositionData(32, 16, 0.05, 1), config, options, registry);
        using var sae = result.Sae;
        Assert.Equal("BatchTopKSae", sae.GetType().Name);
        // BatchTopK keeps k·rows activations over the whole batch: the mean per row is at most k.
        Assert.True(result.Last.L0 <= 3.0 + 1e-9, $"l0 {result.Last.L0}");
        using var x = TorchSharp.torch.randn(10, 16);
        Assert.True(TorchSharp.torch.count_nonzero(sae.Encode(x)).item<long>() <= 30);
    }

    [Fact]
    public void PluginArchitectureWithABuiltInNameIsRejected()
    {
        var services = new ServiceCollection().AddSae();
        services.AddSaeArchitecture(new StandardArchitecture());
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<Interp.Explainers.InterpException>(() => provider.GetRequiredService<SaeArchitectureRegistry>());
        Assert.Contains("'standard'", ex.Message);
    }
}
