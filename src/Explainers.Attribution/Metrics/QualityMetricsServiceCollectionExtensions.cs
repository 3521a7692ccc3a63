using Interp.Explainers.Attribution.Metrics;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the attribution pack's quality metrics as <see cref="IQualityMetrics"/>.</summary>
public static class QualityMetricsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="QualityMetrics"/> (default options, the host's <see cref="IBatchPlanner"/>) as <see cref="IQualityMetrics"/>.</summary>
    /// <param name="services">The host's services (a plugin's <c>registrar.Services</c>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddQualityMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IQualityMetrics>(sp => new QualityMetrics(planner: sp.GetService<IBatchPlanner>()));
        return services;
    }
}
