using Interp.Backends.MLNet;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ML.NET backend to an Interp host.</summary>
public static class MLNetServiceCollectionExtensions
{
    /// <summary>Registers the loaders of ML.NET models (<c>.zip</c>) and LightGBM model text files (<c>.txt</c>).</summary>
    /// <param name="builder">The builder from <c>AddExplainers</c>.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddMLNet(this IExplainersBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelLoader, MLNetModelLoader>());
        return builder.AddLightGbm();
    }
}
