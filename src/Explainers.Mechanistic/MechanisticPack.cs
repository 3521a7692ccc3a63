using Interp.Explainers.Plugins;

[assembly: InterpPlugin(typeof(Interp.Explainers.Mechanistic.MechanisticPack))]

namespace Interp.Explainers.Mechanistic;

/// <summary>
/// The mechanistic pack's plugin entry (hooked transformers, attention patterns, logit lens, activation patching).
/// Its explainers arrive with the mechanistic issue; today the pack loads and registers nothing.
/// </summary>
public sealed class MechanisticPack : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Explainers.Mechanistic";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar) => ArgumentNullException.ThrowIfNull(registrar);
}
