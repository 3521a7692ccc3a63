namespace Interp.Explainers.Mechanistic.DirectLogitAttribution;

/// <summary>Options of <see cref="DirectLogitAttribution"/>.</summary>
public sealed class DirectLogitAttributionOptions : ExplainerOptions
{
    /// <summary>The position whose logits are attributed; negative counts from the end (−1: the last token).</summary>
    public int Position { get; set; } = -1;
}
