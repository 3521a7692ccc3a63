using Interp.Explainers.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Explainers.Hosting;

/// <summary>
/// Returned by <c>services.AddExplainers(configuration)</c>: chain <c>.AddPlugin(...)</c>, <c>.AddPluginsFrom(dir)</c>,
/// <c>.UseDevice(...)</c> and the packs' <c>.AddFeatureAblation()</c>-style helpers on it.
/// </summary>
public interface IExplainersBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>Where explainers are registered.</summary>
    IExplainerRegistrar Registrar { get; }

    /// <summary>Registers a plugin instance (a pack referenced directly, or a plugin built into the app).</summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="source"><c>pack</c>, <c>plugin</c> or <c>code</c>.</param>
    /// <returns>This builder.</returns>
    IExplainersBuilder AddPlugin(IInterpPlugin plugin, string source = "code");
}
