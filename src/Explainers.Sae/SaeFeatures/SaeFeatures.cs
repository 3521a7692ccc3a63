using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Explainers.Sae.Common;
using Interp.Sae.Collection;
using Interp.Sae.Features;
using Interp.Transformers.Models;

namespace Interp.Explainers.Sae.SaeFeatures;

/// <summary>
/// Neuroscope-style feature cards. For a prompt (<see cref="ConceptRequest.Tokens"/>): which features fire where; for each
/// requested feature (or the prompt's most active ones) a card with top-activating corpus contexts and per-token
/// activations, the activation histogram and density, the output tokens its direction boosts and suppresses (through
/// the final norm's weight and W_U), and steered generations. Features come from an SAE (<c>SaePath</c>) or are the hook's
/// own coordinates (MLP neurons at <c>blocks.{l}.mlp.hook_post</c>, residual dimensions).
/// </summary>
/// <remarks>
/// A <see cref="ConceptRequest"/> rather than a PromptRequest: it names the hook point and carries the concept inputs
/// (SAE, corpus, features) next to the prompt.
///
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | concept | IHookedTransformerModel | TorchSharp | through the backend | yes (greedy steering; seeded when sampled) | one forward pass per corpus batch + steps × multipliers per card |
/// </remarks>
[Explainer("SaeFeatures", ExplainerLevel.Concept, typeof(SaeFeaturesOptions),
    RequiredCapabilities = [typeof(IHookedTransformerModel)],
    Description = "Neuroscope-style cards of SAE features or neurons: contexts, histogram, density, output tokens, steering.")]
public sealed class SaeFeatures : ExplainerBase<ConceptRequest, SaeFeatureExplanation, SaeFeaturesOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public SaeFeatures(SaeFeaturesOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<SaeFeatureExplanation> ExplainAsync(ConceptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = ConceptInputs.Transformer(request, Name);
        cancellationToken.ThrowIfCancellationRequested();
        using var sae = ConceptInputs.LoadSae(request, Options.SaePath, Name);
        FeatureBasis basis = sae is null ? new NeuronBasis(request.HookPoint, TransformerActivationSource.HookWidth(model, request.HookPoint)) : new SaeFeatureBasis(sae);
        var features = new List<int>();
        if (request.FeatureIndex is int one) features.Add(one);
        features.AddRange(request.FeatureIndices ?? []);
        features.AddRange(Options.Features);
        features = features.Distinct().ToList();
        var prompt = request.Tokens is { Count: > 0 } t ? t : null;
        if (features.Count == 0)
        {
            if (prompt is null) throw new InterpException($"{Name}: name features (FeatureIndex, FeatureIndices or the Features option) or give a prompt whose most active features are explained.") { IsConfigurationError = true };
            features.AddRange(FeatureCardBuilder.TopActive(model, basis, prompt, Options.TopFeatures));
        }

        var settings = new FeatureCardSettings
        {
            TopContexts = Options.TopContexts, ContextBefore = Options.ContextBefore, ContextAfter = Options.ContextAfter, HistogramBins = Options.HistogramBins,
            TopLogits = Options.TopLogits, UseFinalNorm = Options.UseFinalNorm, SteeringSteps = Options.SteeringSteps, SteeringTemperature = Options.SteeringTemperature,
            SteeringMultipliers = Options.SteeringSteps == 0 ? [] : Options.SteeringMultipliers.Length > 0 ? Options.SteeringMultipliers : [0, 2],
            SteeringSeed = (ulong)(request.Seed ?? 42),
        };
        var steeringPrompt = prompt ?? (model.Tokenizer?.BosTokenId is int bos ? [bos] : null);
        var cards = FeatureCardBuilder.Build(model, basis, features, Corpus(request, model, prompt), settings, steeringPrompt, cancellationToken);
        var where = prompt is null || Options.FeaturesPerPosition == 0 ? null : FeatureCardBuilder.PromptActivations(model, basis, prompt, Options.FeaturesPerPosition);
        var explanation = SaeFeatureExplanation.FromCards(cards, Name, basis.HookName, basis.Kind, Options, request.Model.Source, prompt, where);
        return Task.FromResult(explanation);
    }

    private IEnumerable<IReadOnlyList<int>> Corpus(ConceptRequest request, IHookedTransformerModel model, IReadOnlyList<int>? prompt)
    {
        if (request.Corpus is { Count: > 0 } corpus) return corpus;
        if (!string.IsNullOrWhiteSpace(Options.CorpusPath))
        {
            var tokenizer = model.Tokenizer ?? throw new InterpException($"{Name}: the model has no tokenizer to read CorpusPath; pass the corpus as token ids.") { IsConfigurationError = true };
            int context = Math.Min(Options.CorpusContext, model.Transformer.Config.NCtx);
            int windows = Math.Max(1, Options.CorpusTokens / context);
            return TextCorpus.Windows(tokenizer, Options.CorpusPath, context).Take(windows).ToList();
        }

        if (prompt is not null) return [prompt];
        throw new InterpException($"{Name}: no corpus: give the request a Corpus, set CorpusPath, or give a prompt.") { IsConfigurationError = true };
    }
}
