using Interp.Core.Configuration;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Core.Registry;

/// <summary>Creates explainers: binds and validates their options, then constructs them through DI.</summary>
public sealed class ExplainerFactory : IExplainerFactory
{
    private readonly IServiceProvider _services;
    private readonly ExplainerRegistry _registry;
    private readonly IConfiguration _configuration;

    /// <summary>Creates the factory.</summary>
    /// <param name="services">The service provider (constructor dependencies of explainers).</param>
    /// <param name="registry">The registry.</param>
    /// <param name="configuration">The configuration the options are bound from.</param>
    public ExplainerFactory(IServiceProvider services, ExplainerRegistry registry, IConfiguration configuration)
    {
        _services = services;
        _registry = registry;
        _configuration = configuration;
    }

    /// <inheritdoc />
    public IExplainer Create(string nameOrAlias) => Create(nameOrAlias, static _ => { });

    /// <inheritdoc />
    public IExplainer Create(string nameOrAlias, Action<ExplainerOptions> configure)
    {
        var descriptor = _registry.Require(nameOrAlias);
        var options = ExplainerOptionsBinder.Bind(descriptor, _configuration, configure);
        try
        {
            return (IExplainer)ActivatorUtilities.CreateInstance(_services, descriptor.ImplementationType, options);
        }
        catch (Exception ex) when (ex is not InterpException)
        {
            throw new InterpException($"Explainer '{descriptor.Name}' ({descriptor.Source} '{descriptor.Origin}') could not be created: {ex.Message}", ex);
        }
    }
}
