using Interp.Explainers.Plugins;

[assembly: InterpPlugin(typeof(Interp.Plugins.Lime.LimePlugin))]

namespace Interp.Plugins.Lime;

/// <summary>The plugin's entry point: registers the <see cref="Lime"/> explainer.</summary>
public sealed class LimePlugin : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Interp.Plugins.Lime";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar.AddExplainer<Lime>();
    }
}
