using System.Globalization;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Collection;
using Interp.Sae.Evaluation;
using Interp.Sae.Training;

namespace Interp.Cli.Demo;

/// <summary>
/// Concept level: a top-k sparse autoencoder trained briefly on stories260K's residual stream over TinyStories text
/// (activations collected with <see cref="TransformerActivationSource"/>), evaluated with SAELens' metrics, and the
/// SaeFeatures explainer's cards (top contexts, histogram, output tokens, steering) of the features most active on a
/// prompt, one page each plus the feature index.
/// </summary>
internal sealed class SaePart : IDemoPart
{
    private const string Hook = "blocks.2.hook_resid_post";
    private const string Prompt = "Once upon a time, there was a little girl named Lily. She loved to play with her ball in the park.";

    public string Title => "SAE on stories260K";

    public async Task RunAsync(DemoContext context, DemoStep step, CancellationToken cancellationToken)
    {
        step.Report("loading stories260K and TinyStories", 0);
        var text = context.Data.Find("text", "tinystories_sample_197k.txt") ?? throw new DemoSkipException(context.Data.Missing("text/tinystories_sample_197k.txt"));
        using var model = StoriesPart.Load(context);
        long tokens = context.Quick ? 8192 : 65536;

        step.Report($"collecting {tokens} activations of {Hook}", 0.05);
        var source = new TransformerActivationSource(model, Hook, text, context: 128, maxTokens: tokens, batchWindows: 8);
        var rows = new List<float>();
        foreach (var batch in source.ReadBatches(cancellationToken))
        {
            rows.AddRange(batch.Activations);
            step.Report($"collecting {tokens} activations of {Hook}", 0.05 + (0.2 * rows.Count / source.DModel / tokens));
        }

        var activations = new DemoActivations(rows.ToArray(), source.DModel, source.Fingerprint, seed: 1);
        int dSae = source.DModel * 4, k = 8, steps = context.Quick ? 150 : 2000, batchSize = context.Quick ? 512 : 1024;
        var config = new SaeConfig("topk", source.DModel, dSae) { K = k, HookName = Hook };
        var options = new SaeTrainingOptions
        {
            TotalSteps = steps, BatchSize = batchSize, LearningRate = 1e-3, Seed = 42,
            LrWarmUpSteps = steps / 20, LrDecaySteps = steps / 5, ProgressEvery = Math.Max(1, steps / 50),
        };
        step.Report($"training a top-k SAE ({source.DModel} → {dSae}, k = {k}) for {steps} steps on {activations.Rows} activations", 0.25);
        var progress = new SaeTrainingRecorder(new Progress<SaeTrainingProgress>(p => step.Report(string.Create(CultureInfo.InvariantCulture, $"training the SAE: step {p.Step}/{p.TotalSteps}, loss {p.Loss:G3}, l0 {p.L0:F1}"), 0.25 + (0.45 * p.Step / p.TotalSteps))));
        var result = await Task.Run(() => new SaeTrainer(SaeArchitectureRegistry.CreateDefault()).Train(config, options, activations, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        using var training = result.Sae;
        using var sae = training.ToInference();
        var saePath = Path.Combine(context.Report.Folder, "envelopes", "stories-sae.safetensors");
        Directory.CreateDirectory(Path.GetDirectoryName(saePath)!);
        sae.Save(saePath);
        var metrics = SaeEvaluator.Evaluate(sae, activations, 4, 1024);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"SAE: {Hook}, {dSae} features, {steps} steps: l0 {metrics.L0:F2}, explained variance {metrics.ExplainedVariance:F3}, dead features {metrics.DeadFeatures}, dense features {metrics.DenseFeatures}"));
        context.Report.Add(progress.ToExplanation(config, metrics.ToDictionary()), "sae-training", Title, attachments: ["envelopes/stories-sae.safetensors"], title: $"SAE training on {Hook}");

        int features = context.Quick ? 3 : 8;
        step.Report($"SaeFeatures: cards of the {features} features most active on a prompt", 0.75);
        IExplainer explainer;
        try
        {
            explainer = context.Create("SaeFeatures",
                ("SaePath", saePath), ("CorpusPath", text), ("CorpusTokens", context.Quick ? "4096" : "32768"), ("TopFeatures", features.ToString(CultureInfo.InvariantCulture)),
                ("SteeringSteps", context.Quick ? "8" : "20"));
        }
        catch (InterpException ex) when (ex.Message.Contains("SaeFeatures", StringComparison.Ordinal))
        {
            throw new DemoSkipException($"the SAE was trained (saved to {saePath}), but feature pages need the SaeFeatures explainer: {ex.Message}");
        }

        var prompt = model.Tokenizer!.Encode(Prompt, addBos: true);
        var request = new ConceptRequest { Model = model, HookPoint = Hook, Tokens = prompt };
        var explanation = (SaeFeatureExplanation)await explainer.ExplainAsync(request, cancellationToken).ConfigureAwait(false);
        var cards = explanation.Features ?? [];
        var saeLink = "envelopes/stories-sae.safetensors";
        if (cards.Count <= 1)
        {
            context.Report.Add(explanation, $"sae-feature-{explanation.FeatureIndex}", Title, attachments: [saeLink], title: $"feature {explanation.FeatureIndex} of {Hook}");
        }
        else
        {
            foreach (var card in cards)
            {
                var one = SaeFeatureExplanation.FromCards([card], explanation.Method, explanation.HookPoint, explanation.Basis ?? "sae", explanation.Options, explanation.Model, explanation.PromptTokens, explanation.PromptActivations);
                context.Report.Add(one, $"sae-feature-{card.FeatureIndex}", Title, attachments: [saeLink], title: $"feature {card.FeatureIndex} of {Hook}");
            }
        }

        context.Log($"SAE: feature pages for features {string.Join(", ", cards.Select(c => c.FeatureIndex))} (features.html indexes them)");
        step.Report("done", 1);
    }
}
