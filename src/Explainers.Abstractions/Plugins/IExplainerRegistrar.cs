using Microsoft.Extensions.DependencyInjection;

namespace Interp.Explainers.Plugins;

/// <summary>What a plugin (or a pack) registers into: explainer descriptors and, if needed, services.</summary>
public interface IExplainerRegistrar
{
    /// <summary>The host's service collection, for services the plugin's explainers need.</summary>
    IServiceCollection Services { get; }

    /// <summary>Registers an explainer.</summary>
    /// <param name="descriptor">Its descriptor.</param>
    /// <exception cref="InterpException">Another explainer already has the name.</exception>
    void Add(ExplainerDescriptor descriptor);
}
