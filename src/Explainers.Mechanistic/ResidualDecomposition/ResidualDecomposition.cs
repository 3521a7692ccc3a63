using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Requests;
using Interp.Transformers.Models;

namespace Interp.Explainers.Mechanistic.ResidualDecomposition;

/// <summary>
/// The final residual stream at one position as the sum of its components — token and positional embeddings, every
/// attention head's output, the attention output biases, every MLP's output — with the vectors themselves
/// ([components, d_model], summing to <c>blocks.{L−1}.hook_resid_post</c>) and each one's direct logit attribution
/// (see <c>DirectLogitAttribution</c> for the norm convention).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | mechanistic | IHookedTransformerModel | TorchSharp | through the backend | yes | one forward pass |
/// </remarks>
[Explainer("ResidualDecomposition", ExplainerLevel.Mechanistic, typeof(ResidualDecompositionOptions),
    RequiredCapabilities = [typeof(IHookedTransformerModel)],
    Description = "The final residual stream split into embeddings, heads, biases and MLPs, with each part's direct logit attribution.")]
public sealed class ResidualDecomposition : ExplainerBase<PromptRequest, DecompositionExplanation, ResidualDecompositionOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public ResidualDecomposition(ResidualDecompositionOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<DecompositionExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        var prompt = TransformerPrompt.Create(request, Name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DirectLogitAttribution.DirectLogitAttribution.Decompose(this, prompt, request, prompt.ResolvePosition(Options.Position, Name), includeVectors: true));
    }
}
