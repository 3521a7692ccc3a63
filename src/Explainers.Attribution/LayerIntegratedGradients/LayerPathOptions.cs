using Interp.Explainers.Attribution.Gradients;

namespace Interp.Explainers.Attribution.LayerIntegratedGradients;

/// <summary>Options of <see cref="LayerIntegratedGradients"/> and <see cref="LayerConductance.LayerConductance"/>: a path method at a layer.</summary>
public sealed class LayerPathOptions : PathOptions
{
    /// <summary>The hook point name (see <see cref="Layers.LayerOptions.Layer"/>).</summary>
    public string? Layer { get; set; }
}
