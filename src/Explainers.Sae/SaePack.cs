using Interp.Explainers.Plugins;

[assembly: InterpPlugin(typeof(Interp.Explainers.Sae.SaePack))]

namespace Interp.Explainers.Sae;

/// <summary>
/// The concept-level pack's plugin entry (sparse autoencoders, probes, feature dashboards). Its explainers arrive
/// with the SAE issue; today the pack loads and registers nothing.
/// </summary>
public sealed class SaePack : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Explainers.Sae";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar) => ArgumentNullException.ThrowIfNull(registrar);
}
