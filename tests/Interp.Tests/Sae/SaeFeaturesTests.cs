using System.Text.Json;
using Interp.Explainers.Requests;
using Interp.Explainers.Sae.SaeFeatures;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Collection;
using Interp.Sae.Store;
using Interp.Sae.Training;
using Interp.Transformers.Generation;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>SaeFeatures cards on stories260K: a tiny SAE trained on collected activations, and MLP neurons without an SAE.</summary>
public sealed class SaeFeaturesTests : IDisposable
{
    private const string Hook = "blocks.1.hook_resid_post";
    private readonly StoriesKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task TinyTrainedSaeCardsAgreeWithIndependentComputations()
    {
        var dir = SaeTestKit.TempDir("features");
        var saePath = Path.Combine(dir, "sae.safetensors");
        try
        {
            ActivationStoreWriter.Collect(new TransformerActivationSource(_kit.Model, Hook, StoriesKit.Text, context: 64, maxTokens: 1024, batchWindows: 4), Path.Combine(dir, "store"), shardRows: 512);
            using (var reader = new ActivationStoreReader(Path.Combine(dir, "store"), 1024, 1))
            {
                var config = new SaeConfig("topk", 64, 48) { K = 4, HookName = Hook };
                var result = new SaeTrainer(SaeArchitectureRegistry.CreateDefault()).Train(config, new SaeTrainingOptions { TotalSteps = 40, BatchSize = 256, LearningRate = 3e-3, ProgressEvery = 1000 }, reader);
                using var training = result.Sae;
                using var trained = training.ToInference();
                trained.Save(saePath);
            }

            var corpus = _kit.Windows(32, 6, skip: 40);
            var prompt = _kit.Model.Tokenizer!.Encode("Once upon a time, there was a little dog", addBos: true);
            var explainer = new SaeFeatures(new SaeFeaturesOptions { TopFeatures = 2, TopContexts = 3, SteeringSteps = 6, SteeringMultipliers = [0, 8] });
            var e = await explainer.ExplainAsync(new ConceptRequest { Model = _kit.Model, HookPoint = Hook, SaePath = saePath, Tokens = prompt, Corpus = corpus });

            using var sae = SaeArchitectureRegistry.CreateDefault().Load(saePath);
            using var scope = NewDisposeScope();
            var acts = HookActs(corpus, Hook);
            var f = sae.Encode(acts);   // [tokens, d_sae]
            Assert.Equal("sae", e.Basis);
            Assert.Equal(2, e.Features!.Count);
            Assert.Equal(e.Features[0].FeatureIndex, e.FeatureIndex);

            // The two cards are the prompt's most active features.
            var promptMax = sae.Encode(HookActs([prompt.ToArray()], Hook)).max(0).values.data<float>().ToArray();
            var expectedTop = Enumerable.Range(0, 48).OrderByDescending(i => promptMax[i]).ThenBy(i => i).Take(2).ToArray();
            Assert.Equal(expectedTop, e.Features.Select(c => c.FeatureIndex));
            Assert.All(e.PromptActivations!, p => Assert.True(p.Activation > 0));

            foreach (var card in e.Features)
            {
                var column = f[.., card.FeatureIndex].data<float>().ToArray();
                int fired = column.Count(v => v > 0);
                Assert.Equal((double)fired / column.Length, card.Density, 12);
                Assert.Equal(column.Length, card.CorpusTokens);
                if (fired > 0)
                {
                    Assert.Equal(column.Max(), card.MaxActivation, 5);
                    Assert.Equal(card.MaxActivation, card.TopContexts[0].MaxActivation, 5);
                    Assert.Equal(fired, card.Histogram!.Counts.Sum());
                    Assert.Equal(card.Histogram.Counts.Count + 1, card.Histogram.Edges.Count);
                    Assert.True(card.TopContexts.Zip(card.TopContexts.Skip(1)).All(p => p.First.MaxActivation >= p.Second.MaxActivation));
                    Assert.All(card.TopContexts, c => Assert.Equal(c.MaxActivation, c.Activations[c.MaxIndex]));
                }

                // Output tokens: (W_dec[f] ⊙ w_ln_final) · W_U.
                var t = _kit.Model.Transformer;
                var logits = (sae.WDec[card.FeatureIndex] * t.LnFinal.W.detach()).matmul(t.WU.detach()).data<float>().ToArray();
                int argmax = Array.IndexOf(logits, logits.Max()), argmin = Array.IndexOf(logits, logits.Min());
                Assert.Equal(argmax, card.TopLogits![0].TokenId);
                Assert.Equal(argmin, card.BottomLogits![0].TokenId);
                Assert.Equal(logits[argmax], card.TopLogits[0].Value, 4);
                Assert.True(card.TopLogits.Zip(card.TopLogits.Skip(1)).All(p => p.First.Value >= p.Second.Value));

                // Steering with coefficient 0 is the plain greedy continuation.
                var plain = TransformerGenerator.Generate(t, prompt, new GenerationOptions { Steps = prompt.Count + 6, Temperature = 0 });
                Assert.Equal(0, card.Steering![0].Coefficient);
                Assert.Equal(plain.Generated, card.Steering[0].Tokens);
                Assert.Equal(8 * card.MaxActivation, card.Steering[1].Coefficient, 4);
            }

            // The envelope carries what the HTML report reads.
            using var ms = new MemoryStream();
            Core.Envelope.ExplanationFile.Write(e, ms);
            using var doc = JsonDocument.Parse(ms.ToArray());
            foreach (var name in new[] { "feature_index", "hook_point", "density", "top_contexts", "histogram", "top_logits", "bottom_logits", "steering", "features", "prompt_activations" })
            {
                Assert.True(doc.RootElement.TryGetProperty(name, out _), name);
            }

            Assert.True(doc.RootElement.GetProperty("histogram").TryGetProperty("edges", out _));
            Assert.True(doc.RootElement.GetProperty("top_logits")[0].TryGetProperty("token", out _));
            Assert.True(doc.RootElement.GetProperty("top_contexts")[0].TryGetProperty("max_activation", out _));
            Assert.All(_kit.Model.Transformer.HookPoints, h => Assert.Equal(0, h.HookCount));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task MlpNeuronCardsWorkWithoutAnSae()
    {
        const string mlp = "blocks.0.mlp.hook_post";
        var corpus = _kit.Windows(32, 4);
        var explainer = new SaeFeatures(new SaeFeaturesOptions { SteeringSteps = 0, TopContexts = 2 });
        var e = await explainer.ExplainAsync(new ConceptRequest { Model = _kit.Model, HookPoint = mlp, FeatureIndex = 5, FeatureIndices = [17], Corpus = corpus });
        Assert.Equal("neurons", e.Basis);
        Assert.Equal(new[] { 5, 17 }, e.Features!.Select(c => c.FeatureIndex));
        using var scope = NewDisposeScope();
        var acts = HookActs(corpus, mlp);
        var t = _kit.Model.Transformer;
        foreach (var card in e.Features!)
        {
            var column = acts[.., card.FeatureIndex].data<float>().ToArray();
            Assert.Equal((double)column.Count(v => v > 0) / column.Length, card.Density, 12);
            Assert.Null(card.Steering);

            // A neuron's output direction is its row of W_out.
            var logits = (t.Blocks[0].Mlp.WOut.detach()[card.FeatureIndex] * t.LnFinal.W.detach()).matmul(t.WU.detach()).data<float>().ToArray();
            Assert.Equal(Array.IndexOf(logits, logits.Max()), card.TopLogits![0].TokenId);
        }
    }

    private Tensor HookActs(IReadOnlyList<int[]> windows, string hook)
    {
        var rows = new List<Tensor>();
        foreach (var w in windows)
        {
            var (_, cache) = _kit.Model.Transformer.RunWithCache(tensor(w.Select(x => (long)x).ToArray(), [1, w.Length]), hook);
            using (cache) rows.Add(cache[hook][0].clone());
        }

        return cat(rows, 0);
    }
}
