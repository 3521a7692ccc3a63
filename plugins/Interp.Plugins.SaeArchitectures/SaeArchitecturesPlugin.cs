using Interp.Explainers.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: InterpPlugin(typeof(Interp.Plugins.SaeArchitectures.SaeArchitecturesPlugin))]

namespace Interp.Plugins.SaeArchitectures;

/// <summary>The plugin's entry point: adds the <c>batchtopk</c> SAE architecture to the host's services.</summary>
public sealed class SaeArchitecturesPlugin : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Interp.Plugins.SaeArchitectures";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar.Services.AddSaeArchitecture(new BatchTopKArchitecture());
    }
}
