using Interp.Explainers;
using Interp.Explainers.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Core.Registry;

/// <summary>Registers descriptors into the registry and each explainer as a keyed service (key = registry name).</summary>
internal sealed class ExplainerRegistrar : IExplainerRegistrar
{
    private readonly ExplainerRegistry _registry;
    private readonly string _source;
    private readonly string? _origin;

    public ExplainerRegistrar(IServiceCollection services, ExplainerRegistry registry, string source, string? origin)
    {
        Services = services;
        _registry = registry;
        _source = source;
        _origin = origin;
    }

    public IServiceCollection Services { get; }

    public void Add(ExplainerDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var stamped = descriptor with { Source = _source, Origin = _origin ?? descriptor.Origin };
        _registry.Add(stamped);
        Services.AddKeyedTransient<IExplainer>(stamped.Name, (sp, _) => sp.GetRequiredService<Explainers.Hosting.IExplainerFactory>().Create(stamped.Name));
    }

    public ExplainerRegistrar For(string source, string? origin) => new(Services, _registry, source, origin);
}
