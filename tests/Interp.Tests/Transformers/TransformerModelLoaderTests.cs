using Interp.Core.Models;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Tensors;
using Interp.Transformers.Models;
using Interp.Transformers.Tokenizers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Interp.Tests.Transformers;

/// <summary>--model resolves checkpoints and folders through the loader catalog to IHookedTransformerModel.</summary>
public sealed class TransformerModelLoaderTests
{
    private static ModelLoaderCatalog Catalog() => new([new TransformerModelLoader(ComputeDevice.Cpu)]);

    [Fact]
    public void Llama2c_checkpoint_loads_with_the_tokenizer_beside_it()
    {
        using var model = Catalog().Load(Stories260K.Checkpoint, [typeof(IHookedTransformerModel)]);
        var hooked = Assert.IsAssignableFrom<IHookedTransformerModel>(model);
        Assert.IsType<Llama2cTokenizer>(hooked.Tokenizer);
        Assert.Equal("llama2c", model.Source.Format);
        Assert.Equal("b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696", model.Source.Sha256);
        Assert.Contains("blocks.4.attn.hook_pattern", ((IHookable)model).HookPointNames);
    }

    [Fact]
    public void Hf_folder_loads_and_predicts_through_the_contracts()
    {
        using var model = Catalog().Load(Path.Combine(TestPaths.Shared, "reference", "gpt2_tiny"), [typeof(IHookable)]);
        var hooked = Assert.IsAssignableFrom<IHookedTransformerModel>(model);
        Assert.Null(hooked.Tokenizer);
        var tokens = new NdArray<long>([55, 55, 8, 36], 1, 4);
        var logits = ((IPredictor)model).Predict([tokens]);
        Assert.Equal([1, 4, 100], logits.Shape);
        var zeroed = ((IHookable)model).RunWithHooks([tokens], new Dictionary<string, Func<string, NdArray<float>, NdArray<float>>>
        {
            ["blocks.*.hook_attn_out"] = (_, a) => NdArray<float>.Zeros(a.ShapeArray),
        });
        Assert.NotEqual(logits.Data, zeroed.Data);
    }

    [Fact]
    public void Folders_without_a_folder_loader_are_refused_clearly()
    {
        var ex = Assert.Throws<Interp.Explainers.InterpException>(() => new ModelLoaderCatalog([]).Load(Path.Combine(TestPaths.Shared, "reference", "gpt2_tiny")));
        Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTransformers_registers_the_loader()
    {
        var services = new ServiceCollection();
        services.AddExplainers(Hosting.HostTestKit.Config()).AddTransformers();
        using var provider = services.BuildServiceProvider();
        Assert.Contains(provider.GetServices<IModelLoader>(), l => l is TransformerModelLoader);
        using var model = provider.GetRequiredService<ModelLoaderCatalog>().Load(Stories260K.Checkpoint);
        Assert.IsType<HookedTransformerModel>(model);
    }
}
