namespace Interp.Explainers.Mechanistic.AttentionPatterns;

/// <summary>Options of <see cref="AttentionPatterns"/>.</summary>
public sealed class AttentionPatternsOptions : ExplainerOptions
{
    /// <summary>
    /// The hook points holding the patterns [batch, head, query, key], as a name or glob, in layer order. Default: the
    /// hooked transformer's <c>blocks.*.attn.hook_pattern</c>, or for other hookable models (e.g. a BERT encoder
    /// through the ONNX importer) every softmax output whose name matches <c>**Softmax_output_0</c> (or, when none does, every <c>Softmax</c> node's output).
    /// </summary>
    public string? Hooks { get; set; }
}
