using Interp.Core.Configuration;
using Interp.Core.Devices;
using Interp.Core.Models;
using Interp.Core.Plugins;
using Interp.Core.Registry;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Interp's explainers, registry, plugins and device policy to a service collection.</summary>
public static class InterpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the explainer host configured from <paramref name="configuration"/> (section <c>Interp</c>) and loads
    /// every plugin in <c>Interp:PluginPaths</c>. Chain <c>.AddPlugin(...)</c> or a pack's helpers on the result.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="baseDirectory">Folder that relative plugin paths are resolved against (default: the application folder).</param>
    /// <exception cref="InterpException">A plugin failed to load with <c>Interp:Plugins:OnError=fail</c>, or two explainers share a name.</exception>
    public static IExplainersBuilder AddExplainers(this IServiceCollection services, IConfiguration configuration, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new InterpSettings();
        try
        {
            configuration.GetSection(InterpSettings.SectionName).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new InterpException(ex.Message, ex) { IsConfigurationError = true };
        }

        var registry = new ExplainerRegistry();
        var report = new PluginLoadReport();
        var builder = new ExplainersBuilder(services, registry, report);

        services.TryAddSingleton(configuration);
        services.AddSingleton(registry);
        services.AddSingleton(report);
        services.AddSingleton(builder);
        services.TryAddSingleton<IExplainerFactory, ExplainerFactory>();
        services.TryAddSingleton<ModelLoaderCatalog>();
        services.AddOptions<InterpSettings>()
            .Bind(configuration.GetSection(InterpSettings.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InterpSettings>, ExplainerConfigurationValidator>();
        services.TryAddSingleton<IBatchPlanner>(sp => new BatchPlanner(sp.GetRequiredService<IOptions<InterpSettings>>().Value.MaxBatchBytes));
        services.TryAddSingleton(sp => DeviceResolver.Resolve(
            sp.GetRequiredService<IOptions<InterpSettings>>().Value,
            sp.GetServices<IAcceleratorProbe>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger("Interp.Device") ?? NullLogger.Instance));

        var root = baseDirectory ?? AppContext.BaseDirectory;
        foreach (var path in settings.PluginPaths.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
            var source = string.Equals(Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)), "packs", StringComparison.OrdinalIgnoreCase) ? "pack" : "plugin";
            try
            {
                foreach (var folder in PluginLoader.FindPluginFolders(full))
                {
                    try
                    {
                        builder.RegisterPlugin(PluginLoader.Load(folder), source, folder);
                    }
                    catch (InterpException ex) when (settings.Plugins.OnError == PluginErrorPolicy.Skip)
                    {
                        report.Skipped.Add(ex.Message);
                    }
                }
            }
            catch (InterpException ex) when (settings.Plugins.OnError == PluginErrorPolicy.Skip)
            {
                report.Skipped.Add(ex.Message);
            }
        }

        return builder;
    }

    /// <summary>Loads every plugin found in <paramref name="folder"/> (as <c>Interp:PluginPaths</c> would).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="folder">A plugin folder or a folder of plugin folders.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder AddPluginsFrom(this IExplainersBuilder builder, string folder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var host = (ExplainersBuilder)builder;
        foreach (var pluginFolder in PluginLoader.FindPluginFolders(Path.GetFullPath(folder)))
        {
            host.RegisterPlugin(PluginLoader.Load(pluginFolder), "plugin", pluginFolder);
        }

        return builder;
    }

    /// <summary>Overrides <c>Interp:Device</c> (<c>auto|cpu|cuda:N</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="device">The device.</param>
    /// <returns>The builder.</returns>
    public static IExplainersBuilder UseDevice(this IExplainersBuilder builder, string device)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.PostConfigure<InterpSettings>(s => s.Device = device);
        return builder;
    }

    /// <summary>
    /// Runs the start-up validation (settings, unknown explainer sections and keys, every explainer's options) for
    /// users without a Generic Host; a host does this itself through <c>ValidateOnStart</c>.
    /// </summary>
    /// <param name="services">The built provider.</param>
    /// <exception cref="OptionsValidationException">Validation failed; the message names every failing key.</exception>
    public static void ValidateInterpConfiguration(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetRequiredService<IOptions<InterpSettings>>().Value;
    }
}
