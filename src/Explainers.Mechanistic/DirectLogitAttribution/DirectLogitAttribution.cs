using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Requests;
using Interp.Transformers.Models;

namespace Interp.Explainers.Mechanistic.DirectLogitAttribution;

/// <summary>
/// Direct logit attribution: how much each component writing the final residual stream (embeddings, every head,
/// attention biases, every MLP) adds to a logit — or to the logit difference between the request's answer and wrong
/// tokens — directly, through the final norm and the unembedding. As in TransformerLens, the final norm's scale is the
/// one cached on the real run, so the attribution is linear and the contributions plus the bias terms (final-norm bias,
/// unembedding bias) sum to the model's logit (difference) exactly. The logit lens instead recomputes the norm on each
/// partial residual, so a lens row is not a sum of these terms. Without an answer token the model's top prediction is used.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | mechanistic | IHookedTransformerModel | TorchSharp | through the backend | yes | one forward pass |
/// </remarks>
[Explainer("DirectLogitAttribution", ExplainerLevel.Mechanistic, typeof(DirectLogitAttributionOptions),
    RequiredCapabilities = [typeof(IHookedTransformerModel)],
    Description = "Each head's, MLP's and embedding's direct contribution to a logit (difference) through the cached final norm.")]
public sealed class DirectLogitAttribution : ExplainerBase<PromptRequest, DecompositionExplanation, DirectLogitAttributionOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public DirectLogitAttribution(DirectLogitAttributionOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<DecompositionExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        var prompt = TransformerPrompt.Create(request, Name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Decompose(this, prompt, request, prompt.ResolvePosition(Options.Position, Name), includeVectors: false));
    }

    /// <summary>The decomposition at <paramref name="position"/> (shared with <c>ResidualDecomposition</c>).</summary>
    internal static DecompositionExplanation Decompose(IExplainer explainer, TransformerPrompt prompt, PromptRequest request, int position, bool includeVectors)
    {
        var parts = ResidualComponents.Compute(prompt, position);
        int vocab = prompt.Transformer.Config.DVocab;
        int answer = request.AnswerToken ?? AnswerTokens.ArgMax(parts.Logits);
        int? wrong = request.WrongToken;
        foreach (var (token, what) in new[] { (answer, "answer"), (wrong ?? 0, "wrong") })
        {
            if (token < 0 || token >= vocab) throw new InterpException($"{explainer.Name}: the {what} token {token} is outside the vocabulary [0, {vocab}).") { IsConfigurationError = true };
        }

        var (contributions, bias) = parts.Attribute(prompt.Transformer, answer, wrong);
        double target = parts.Logits[answer] - (wrong is int w ? parts.Logits[w] : 0);
        Tensors.NdArray<float>? vectors = null;
        if (includeVectors)
        {
            int c = parts.Names.Count, d = prompt.Transformer.Config.DModel;
            var data = new float[c * d];
            for (int i = 0; i < c; i++) for (int j = 0; j < d; j++) data[(i * d) + j] = (float)parts.Vectors[i, j];
            vectors = new Tensors.NdArray<float>(data, c, d);
        }

        return new DecompositionExplanation
        {
            Method = explainer.Name,
            Level = explainer.Level,
            Options = explainer.Options,
            Model = request.Model.Source,
            Labels = new ExplanationLabels { Tokens = prompt.TokenStrings(request) },
            Components = parts.Names,
            Position = position,
            Contributions = contributions,
            Target = AnswerTokens.Describe(answer, wrong),
            TargetValue = target,
            BiasTerms = bias,
            Vectors = vectors,
        };
    }
}
