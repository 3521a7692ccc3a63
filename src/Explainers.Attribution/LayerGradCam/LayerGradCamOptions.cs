using Interp.Explainers.Attribution.Layers;

namespace Interp.Explainers.Attribution.LayerGradCam;

/// <summary>Options of <see cref="LayerGradCam"/> (section <c>Interp:Explainers:LayerGradCam</c>).</summary>
public sealed class LayerGradCamOptions : LayerOptions
{
    /// <summary>Apply a ReLU to the map (Captum: <c>relu_attributions</c>), default false.</summary>
    public bool ReluAttributions { get; set; }
}
