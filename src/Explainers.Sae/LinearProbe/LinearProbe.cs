using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Explainers.Sae.Common;
using Interp.Sae.Probes;
using Interp.Transformers.Models;

namespace Interp.Explainers.Sae.LinearProbe;

/// <summary>
/// A logistic-regression probe for a labelled concept on a hook point's activations: given (<see cref="ConceptRequest.Activations"/>
/// [rows, d] with one label per row) or cached from the model on <see cref="ConceptRequest.Prompts"/> (one label per prompt:
/// its last token; or one per token of all prompts). Reports held-out accuracy, the probe's weights and, with an SAE,
/// the decoder directions closest to the probe direction (cosine).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | concept | none with activations; IHookedTransformerModel with prompts | TorchSharp | no (CPU float64) | yes (seeded split, zero init) | one forward pass per prompt + Steps full-batch steps |
/// </remarks>
[Explainer("LinearProbe", ExplainerLevel.Concept, typeof(LinearProbeOptions),
    Description = "Logistic-regression probe of a labelled concept on cached activations; held-out accuracy; cosine with SAE decoder directions.")]
public sealed class LinearProbe : ExplainerBase<ConceptRequest, ProbeExplanation, LinearProbeOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public LinearProbe(LinearProbeOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<ProbeExplanation> ExplainAsync(ConceptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = request.Labels?.Data ?? throw new InterpException($"{Name}: the request needs Labels (one per activation row, prompt or token).") { IsConfigurationError = true };
        var (x, d) = request.Activations is { } given ? Given(given, labels) : Cached(request, labels, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = new ProbeSettings { HeldOutFraction = Options.HeldOutFraction, L2 = Options.L2, Steps = Options.Steps, LearningRate = Options.LearningRate, Seed = (ulong)(request.Seed ?? 0) };
        var probe = LogisticProbe.Train(x, d, labels, settings, cancellationToken);
        using var sae = ConceptInputs.LoadSae(request, Options.SaePath, Name, checkHook: request.Activations is null);
        return Task.FromResult(new ProbeExplanation
        {
            Method = Name, Level = Level, Options = Options, Model = request.Model.Source, Seed = request.Seed ?? 0,
            HookPoint = request.HookPoint, Accuracy = probe.HeldOutAccuracy, Weights = probe.Weights, Bias = probe.Bias,
            TrainAccuracy = probe.TrainAccuracy, Classes = probe.Classes, TrainExamples = probe.TrainExamples, HeldOutExamples = probe.HeldOutExamples,
            SaeMatches = sae is null ? null : LogisticProbe.CompareWithDecoder(probe.Weights, sae.WDec, Options.TopMatches),
        });
    }

    private (float[] X, int D) Given(Tensors.NdArray<float> activations, int[] labels)
    {
        if (activations.Rank != 2 || activations.Shape[0] != labels.Length)
        {
            throw new InterpException($"{Name}: activations must be [rows, d] with one label per row; got {Tensors.NdArray<float>.Format(activations.Shape)} and {labels.Length} labels.") { IsConfigurationError = true };
        }

        return (activations.Data, activations.Shape[1]);
    }

    private (float[] X, int D) Cached(ConceptRequest request, int[] labels, CancellationToken ct)
    {
        var prompts = request.Prompts ?? throw new InterpException($"{Name}: give Activations or Prompts (with a hooked transformer).") { IsConfigurationError = true };
        var model = ConceptInputs.Transformer(request, Name);
        ct.ThrowIfCancellationRequested();
        int tokens = prompts.Sum(p => p.Count);
        bool perPrompt = labels.Length == prompts.Count;
        if (!perPrompt && labels.Length != tokens)
        {
            throw new InterpException($"{Name}: {labels.Length} labels for {prompts.Count} prompts of {tokens} tokens; give one label per prompt or per token.") { IsConfigurationError = true };
        }

        var rows = new List<float>();
        int d = 0;
        var t = model.Transformer;
        foreach (var prompt in prompts)
        {
            ct.ThrowIfCancellationRequested();
            if (prompt.Count == 0 || prompt.Count > t.Config.NCtx || prompt.Any(id => id < 0 || id >= t.Config.DVocab))
            {
                throw new InterpException($"{Name}: every prompt needs 1..{t.Config.NCtx} token ids in [0, {t.Config.DVocab}).") { IsConfigurationError = true };
            }

            lock (model.SyncRoot)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var (_, cache) = t.RunWithCache(tensor(prompt.Select(id => (long)id).ToArray(), [1, prompt.Count]).to(t.WE.device), request.HookPoint);
                using (cache)
                {
                    if (!cache.Contains(request.HookPoint)) throw new InterpException($"{Name}: '{request.HookPoint}' is not a hook point of the model.") { IsConfigurationError = true };
                    var h = cache[request.HookPoint][0].to(ScalarType.Float32).cpu();
                    d = (int)h.shape[^1];
                    rows.AddRange((perPrompt ? h[^1] : h).contiguous().data<float>().ToArray());
                }
            }
        }

        return (rows.ToArray(), d);
    }
}
