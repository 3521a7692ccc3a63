using Interp.Core.Plugins;
using Interp.Explainers.Hosting;
using Interp.Explainers.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Core.Registry;

/// <summary>The builder returned by <c>AddExplainers</c>.</summary>
internal sealed class ExplainersBuilder : IExplainersBuilder
{
    private readonly ExplainerRegistrar _registrar;
    private readonly PluginLoadReport _report;

    public ExplainersBuilder(IServiceCollection services, ExplainerRegistry registry, PluginLoadReport report)
    {
        Services = services;
        Registry = registry;
        _report = report;
        _registrar = new ExplainerRegistrar(services, registry, "code", null);
    }

    public IServiceCollection Services { get; }

    public ExplainerRegistry Registry { get; }

    public IExplainerRegistrar Registrar => _registrar;

    public IExplainersBuilder AddPlugin(IInterpPlugin plugin, string source = "code")
    {
        ArgumentNullException.ThrowIfNull(plugin);
        RegisterPlugin(plugin, source, folder: null);
        return this;
    }

    /// <summary>Runs a plugin's registration against a buffer and commits it only if it completes.</summary>
    public void RegisterPlugin(IInterpPlugin plugin, string source, string? folder)
    {
        var buffer = new BufferingRegistrar(Services);
        string name;
        try
        {
            name = plugin.Name;
            plugin.Register(buffer);
        }
        catch (Exception ex) when (ex is not Explainers.InterpException)
        {
            throw new Explainers.InterpException(
                $"Plugin {plugin.GetType().FullName}{(folder is null ? "" : $" ('{folder}')")} failed to register: {ex.GetType().Name}: {ex.Message}", ex);
        }

        var target = _registrar.For(source, name);
        foreach (var descriptor in buffer.Descriptors) target.Add(descriptor);
        _report.Loaded.Add((name, source, folder ?? plugin.GetType().Assembly.Location));
    }

    private sealed class BufferingRegistrar(IServiceCollection services) : IExplainerRegistrar
    {
        public List<ExplainerDescriptor> Descriptors { get; } = [];

        public IServiceCollection Services { get; } = services;

        public void Add(ExplainerDescriptor descriptor)
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            Descriptors.Add(descriptor);
        }
    }
}
