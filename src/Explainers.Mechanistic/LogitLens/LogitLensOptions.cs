using System.ComponentModel.DataAnnotations;

namespace Interp.Explainers.Mechanistic.LogitLens;

/// <summary>Options of <see cref="LogitLens"/>.</summary>
public sealed class LogitLensOptions : ExplainerOptions
{
    /// <summary>How many top tokens to report per layer × position.</summary>
    [Range(1, 1000)]
    public int TopK { get; set; } = 5;

    /// <summary>The residual site read at every layer: <c>resid_post</c> (default), <c>resid_mid</c> or <c>resid_pre</c>.</summary>
    [RegularExpression("^(resid_pre|resid_mid|resid_post)$", ErrorMessage = "Site must be resid_pre, resid_mid or resid_post.")]
    public string Site { get; set; } = "resid_post";

    /// <summary>Add a first row for the embeddings (<c>blocks.0.hook_resid_pre</c>).</summary>
    public bool IncludeEmbeddings { get; set; } = true;

    /// <summary>Also report the lens logits [layers, positions, vocab].</summary>
    public bool IncludeLogits { get; set; }
}
