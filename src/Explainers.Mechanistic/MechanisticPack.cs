using Interp.Explainers.Plugins;

[assembly: InterpPlugin(typeof(Interp.Explainers.Mechanistic.MechanisticPack))]

namespace Interp.Explainers.Mechanistic;

/// <summary>
/// The mechanistic pack's plugin entry: explainers over hooked transformers (attention patterns, logit lens, residual
/// decomposition, direct logit attribution, activation and attribution patching, head detectors).
/// </summary>
public sealed class MechanisticPack : IInterpPlugin
{
    /// <inheritdoc />
    public string Name => "Explainers.Mechanistic";

    /// <inheritdoc />
    public void Register(IExplainerRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar
            .AddExplainer<AttentionPatterns.AttentionPatterns>()
            .AddExplainer<LogitLens.LogitLens>()
            .AddExplainer<ResidualDecomposition.ResidualDecomposition>()
            .AddExplainer<DirectLogitAttribution.DirectLogitAttribution>()
            .AddExplainer<ActivationPatching.ActivationPatching>()
            .AddExplainer<AttributionPatching.AttributionPatching>()
            .AddExplainer<HeadDetector.HeadDetector>();
    }
}
