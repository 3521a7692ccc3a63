namespace Interp.Explainers.Attribution.Layers;

/// <summary>The batching options every gradient and layer method shares (a common root for path and layer options).</summary>
public class LayerOptionsBase : PerturbationOptions
{
}
