using Interp.Backends.TorchSharp;
using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Models;
using Interp.Explainers.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the TorchSharp backend to an Interp host.</summary>
public static class TorchSharpServiceCollectionExtensions
{
    /// <summary>Registers libtorch's CUDA probe and the TorchScript loader (<c>.pt</c>).</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddTorchSharp(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IAcceleratorProbe, TorchCudaProbe>();
        builder.Services.AddSingleton<IModelLoader, TorchScriptLoader>();
        return builder;
    }
}
