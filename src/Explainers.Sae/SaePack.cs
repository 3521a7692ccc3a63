using Interp.Explainers.Plugins;

[assembly: InterpPlugin(typeof(Interp.Explainers.Sae.SaePack))]

namespace Interp.Explainers.Sae;

/// <summary>
/// The concept-level pack's plugin entry: <c>SaeFeatures</c> (Neuroscope-style cards of SAE features or neurons) and
/// <c>LinearProbe</c> (logistic-regression probes compared with SAE decoder directions).
/// </summary>
public sealed class SaePack : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Explainers.Sae";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar
            .AddExplainer<SaeFeatures.SaeFeatures>()
            .AddExplainer<LinearProbe.LinearProbe>();
    }
}
