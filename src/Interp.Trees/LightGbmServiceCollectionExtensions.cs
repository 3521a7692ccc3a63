using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Trees;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds LightGBM model files to an Interp host (no ML.NET needed).</summary>
public static class LightGbmServiceCollectionExtensions
{
    /// <summary>Registers the loader of LightGBM model text files (<c>.txt</c>).</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddLightGbm(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelLoader, LightGbmModelLoader>());
        return builder;
    }
}
