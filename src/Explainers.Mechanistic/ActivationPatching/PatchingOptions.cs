using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Mechanistic.ActivationPatching;

/// <summary>Options shared by <see cref="ActivationPatching"/> and <c>AttributionPatching</c>.</summary>
public class PatchingOptions : ExplainerOptions
{
    /// <summary>
    /// What is patched: <c>resid_pre</c> (default), <c>resid_mid</c>, <c>resid_post</c>, <c>attn_out</c>, <c>mlp_out</c>
    /// (layer × position), <c>z</c> or <c>result</c> (layer × head, or × position with <see cref="PerPosition"/>), or
    /// any hook name or glob (e.g. <c>ln_final.hook_normalized</c>).
    /// </summary>
    [Required]
    public string Site { get; set; } = "resid_pre";

    /// <summary>For head sites: one cell per head and position instead of per head (all positions).</summary>
    public bool PerPosition { get; set; }

    /// <summary><c>logit_diff</c> (answer − wrong token), <c>probability</c> (of the answer) or <c>loss</c> (−log p(answer)).</summary>
    [RegularExpression("^(logit_diff|probability|loss)$", ErrorMessage = "Metric must be logit_diff, probability or loss.")]
    public string Metric { get; set; } = "logit_diff";

    /// <summary><c>denoising</c> (clean activations into the corrupted run; default) or <c>noising</c> (corrupted into clean).</summary>
    [RegularExpression("^(denoising|noising)$", ErrorMessage = "Direction must be denoising or noising.")]
    public string Direction { get; set; } = "denoising";

    /// <summary>The position the metric reads the logits at; negative counts from the end (−1: the last token).</summary>
    public int Position { get; set; } = -1;
}
