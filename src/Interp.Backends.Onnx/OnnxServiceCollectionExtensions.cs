using Interp.Backends.Onnx;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ONNX Runtime backend to an Interp host.</summary>
public static class OnnxServiceCollectionExtensions
{
    /// <summary>Registers the <c>.onnx</c> loader and ONNX Runtime's CUDA probe.</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddOnnxRuntime(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IModelLoader, OnnxModelLoader>();
        builder.Services.AddSingleton<IAcceleratorProbe, OnnxCudaProbe>();
        return builder;
    }
}
