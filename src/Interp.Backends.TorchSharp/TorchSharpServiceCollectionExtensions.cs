using Interp.Backends.TorchSharp;
using Interp.Explainers.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the TorchSharp backend to an Interp host.</summary>
public static class TorchSharpServiceCollectionExtensions
{
    /// <summary>Registers libtorch's CUDA probe (model loaders for TorchScript and imported ONNX follow in later packs).</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddTorchSharp(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IAcceleratorProbe, TorchCudaProbe>();
        return builder;
    }
}
