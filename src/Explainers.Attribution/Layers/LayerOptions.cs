namespace Interp.Explainers.Attribution.Layers;

/// <summary>Options shared by the layer methods: the hook point they attribute to.</summary>
public class LayerOptions : LayerOptionsBase
{
    /// <summary>
    /// The hook point name (an ONNX value name in imported models, e.g. <c>/0/Conv_output_0</c>; a TransformerLens
    /// name in hooked transformers). Required when the explainer runs (CLI: <c>--layer</c>).
    /// </summary>
    public string? Layer { get; set; }
}
