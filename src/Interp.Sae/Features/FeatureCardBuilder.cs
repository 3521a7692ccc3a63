using System.Globalization;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Transformers.Generation;
using Interp.Transformers.Models;

namespace Interp.Sae.Features;

/// <summary>
/// Neuroscope-style feature cards on a hooked transformer: which features fire where on a prompt, and per feature the
/// top-activating corpus contexts with per-token activations, the activation histogram and density, the output tokens
/// its direction boosts and suppresses (direction → residual stream → final-norm weight → W_U), and steered
/// generations (a multiple of the direction added at the hook on every position).
/// </summary>
public static class FeatureCardBuilder
{
    /// <summary>Feature activations of <paramref name="tokens"/>: row-major <c>[pos, basis.Count]</c>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="basis">The features.</param>
    /// <param name="tokens">Token ids (≤ n_ctx).</param>
    public static float[] Activations(IHookedTransformerModel model, FeatureBasis basis, IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Run(model, basis, [tokens.ToArray()], null)[0];
    }

    /// <summary>Per prompt position, the features with activation &gt; 0, strongest first (at most <paramref name="perPosition"/>).</summary>
    /// <param name="model">The model.</param>
    /// <param name="basis">The features.</param>
    /// <param name="tokens">The prompt.</param>
    /// <param name="perPosition">Features kept per position.</param>
    public static IReadOnlyList<PromptFeatureActivation> PromptActivations(IHookedTransformerModel model, FeatureBasis basis, IReadOnlyList<int> tokens, int perPosition)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var acts = Activations(model, basis, tokens);
        var result = new List<PromptFeatureActivation>();
        for (int p = 0; p < tokens.Count; p++)
        {
            var row = acts.AsSpan(p * basis.Count, basis.Count).ToArray();
            result.AddRange(Enumerable.Range(0, basis.Count).Where(f => row[f] > 0).OrderByDescending(f => row[f]).ThenBy(f => f).Take(perPosition)
                .Select(f => new PromptFeatureActivation(p, f, row[f])));
        }

        return result;
    }

    /// <summary>The <paramref name="count"/> features with the largest activation anywhere on the prompt (ties by index).</summary>
    /// <param name="model">The model.</param>
    /// <param name="basis">The features.</param>
    /// <param name="tokens">The prompt.</param>
    /// <param name="count">How many.</param>
    public static IReadOnlyList<int> TopActive(IHookedTransformerModel model, FeatureBasis basis, IReadOnlyList<int> tokens, int count)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var acts = Activations(model, basis, tokens);
        var max = new float[basis.Count];
        Array.Fill(max, float.NegativeInfinity);
        for (int i = 0; i < acts.Length; i++) max[i % basis.Count] = Math.Max(max[i % basis.Count], acts[i]);
        return Enumerable.Range(0, basis.Count).OrderByDescending(f => max[f]).ThenBy(f => f).Take(count).ToList();
    }

    /// <summary>Cards of <paramref name="features"/> over <paramref name="corpus"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="basis">The features.</param>
    /// <param name="features">Feature indices.</param>
    /// <param name="corpus">Token sequences (each ≤ n_ctx) scanned for contexts, histogram and density.</param>
    /// <param name="settings">Card settings.</param>
    /// <param name="steeringPrompt">The prompt steered generations continue; null = no steering.</param>
    /// <param name="cancellationToken">Checked between corpus batches and generations.</param>
    public static IReadOnlyList<FeatureCard> Build(IHookedTransformerModel model, FeatureBasis basis, IReadOnlyList<int> features, IEnumerable<IReadOnlyList<int>> corpus, FeatureCardSettings settings, IReadOnlyList<int>? steeringPrompt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (int f in features) basis.CheckFeature(f);
        var sequences = new List<int[]>();
        var acts = new List<float[]>();   // per sequence [len, features.Count]
        foreach (var batch in Batches(corpus, model.Transformer.Config.NCtx))
        {
            cancellationToken.ThrowIfCancellationRequested();
            sequences.AddRange(batch);
            acts.AddRange(Run(model, basis, batch, features));
        }

        if (sequences.Count == 0) throw new InterpException("The corpus for feature cards is empty.") { IsConfigurationError = true };
        long total = sequences.Sum(s => (long)s.Length);
        var cards = new List<FeatureCard>();
        for (int k = 0; k < features.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = new List<float>();
            var peaks = new List<(float Act, int Seq, int Pos)>();
            for (int s = 0; s < sequences.Count; s++)
            {
                int len = sequences[s].Length, best = -1;
                for (int p = 0; p < len; p++)
                {
                    float a = acts[s][(p * features.Count) + k];
                    if (a > 0) values.Add(a);
                    if (best < 0 || a > acts[s][(best * features.Count) + k]) best = p;
                }

                float peak = acts[s][(best * features.Count) + k];
                if (peak > 0) peaks.Add((peak, s, best));
            }

            float max = values.Count == 0 ? 0 : values.Max();
            var contexts = peaks.OrderByDescending(x => x.Act).ThenBy(x => x.Seq).ThenBy(x => x.Pos).Take(settings.TopContexts)
                .Select(x => Context(model, sequences[x.Seq], acts[x.Seq], features.Count, k, x.Seq, x.Pos, settings)).ToList();
            var (top, bottom) = settings.TopLogits > 0 ? Logits(model, basis, features[k], settings) : (null, null);
            cards.Add(new FeatureCard
            {
                FeatureIndex = features[k],
                Density = (double)values.Count / total,
                MaxActivation = max,
                CorpusTokens = total,
                TopContexts = contexts,
                Histogram = Histogram(values, max, settings.HistogramBins),
                TopLogits = top,
                BottomLogits = bottom,
                Steering = steeringPrompt is null || settings.SteeringMultipliers.Count == 0 ? null
                    : Steer(model, basis, features[k], max > 0 ? max : 1f, steeringPrompt, settings, cancellationToken),
            });
        }

        return cards;
    }

    /// <summary>Generations with <c>multiplier × scale × direction</c> added at the hook on every position, one per multiplier.</summary>
    /// <param name="model">The model.</param>
    /// <param name="basis">The features.</param>
    /// <param name="feature">The feature.</param>
    /// <param name="scale">The direction's scale (e.g. the feature's largest activation).</param>
    /// <param name="prompt">The prompt.</param>
    /// <param name="settings">Multipliers, steps, temperature, seed.</param>
    /// <param name="cancellationToken">Checked between generations.</param>
    public static IReadOnlyList<SteeringSample> Steer(IHookedTransformerModel model, FeatureBasis basis, int feature, double scale, IReadOnlyList<int> prompt, FeatureCardSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(settings);
        var result = new List<SteeringSample>();
        using var direction = basis.HookDirection(feature);
        foreach (double m in settings.SteeringMultipliers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double c = m * scale;
            GenerationResult generated;
            lock (model.SyncRoot)
            {
                var t = model.Transformer;
                using var add = (direction * c).to(t.WE.device);
                using var hook = c == 0 ? null : t.AddHook(basis.HookName, (a, _) => a + add.to(a.dtype));
                generated = TransformerGenerator.Generate(t, prompt, new GenerationOptions
                {
                    Steps = Math.Min(t.Config.NCtx, prompt.Count + settings.SteeringSteps), Temperature = settings.SteeringTemperature, Seed = settings.SteeringSeed,
                });
            }

            var tokens = generated.Generated;
            result.Add(new SteeringSample(c, tokens, model.Tokenizer?.Decode(tokens)));
        }

        return result;
    }

    private static IEnumerable<List<int[]>> Batches(IEnumerable<IReadOnlyList<int>> corpus, int nCtx)
    {
        var batch = new List<int[]>();
        foreach (var seq in corpus)
        {
            if (seq.Count == 0) continue;
            if (seq.Count > nCtx) throw new InterpException($"A corpus sequence has {seq.Count} tokens, more than the model's context of {nCtx}.") { IsConfigurationError = true };
            if (batch.Count > 0 && (batch.Count == 8 || batch[0].Length != seq.Count))
            {
                yield return batch;
                batch = [];
            }

            batch.Add(seq.ToArray());
        }

        if (batch.Count > 0) yield return batch;
    }

    /// <summary>Per sequence, activations [len, features] (all features when <paramref name="features"/> is null); sequences of equal length.</summary>
    private static List<float[]> Run(IHookedTransformerModel model, FeatureBasis basis, List<int[]> batch, IReadOnlyList<int>? features)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(basis);
        var t = model.Transformer;
        int n = batch.Count, len = batch[0].Length;
        foreach (var s in batch)
        {
            foreach (int id in s)
            {
                if (id < 0 || id >= t.Config.DVocab) throw new InterpException($"Token id {id} is outside the vocabulary [0, {t.Config.DVocab}).") { IsConfigurationError = true };
            }
        }

        float[] flat;
        int width;
        lock (model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var ids = tensor(batch.SelectMany(s => s.Select(x => (long)x)).ToArray(), [n, len]).to(t.WE.device);
            var (_, cache) = t.RunWithCache(ids, basis.HookName);
            using (cache)
            {
                var h = cache[basis.HookName];
                if (h.shape[^1] != basis.Width) throw new InterpException($"'{basis.HookName}' is {h.shape[^1]} wide on this model; the {basis.Kind} basis expects {basis.Width}.") { IsConfigurationError = true };
                var f = basis.Encode(h.reshape(n * len, basis.Width));
                if (features is not null) f = f.index_select(1, tensor(features.Select(x => (long)x).ToArray()));
                width = (int)f.shape[1];
                flat = f.to(ScalarType.Float32).contiguous().data<float>().ToArray();
            }
        }

        var result = new List<float[]>(n);
        for (int i = 0; i < n; i++) result.Add(flat.AsSpan(i * len * width, len * width).ToArray());
        return result;
    }

    private static FeatureContext Context(IHookedTransformerModel model, int[] seq, float[] acts, int stride, int k, int seqIndex, int pos, FeatureCardSettings settings)
    {
        int start = Math.Max(0, pos - settings.ContextBefore), end = Math.Min(seq.Length, pos + settings.ContextAfter + 1);
        var tokens = new List<string>();
        var values = new List<float>();
        for (int p = start; p < end; p++)
        {
            tokens.Add(model.Tokenizer?.TokenText(seq[p]) ?? seq[p].ToString(CultureInfo.InvariantCulture));
            values.Add(acts[(p * stride) + k]);
        }

        return new FeatureContext(tokens, values, acts[(pos * stride) + k]) { Sequence = seqIndex, Start = start, MaxIndex = pos - start };
    }

    private static ActivationHistogram? Histogram(List<float> values, float max, int bins)
    {
        if (values.Count == 0 || bins <= 0) return null;
        double width = max / bins;
        var edges = Enumerable.Range(0, bins + 1).Select(i => i * width).ToArray();
        var counts = new long[bins];
        foreach (float v in values) counts[Math.Min(bins - 1, (int)(v / width))]++;
        return new ActivationHistogram(edges, counts);
    }

    private static (IReadOnlyList<LogitEntry> Top, IReadOnlyList<LogitEntry> Bottom) Logits(IHookedTransformerModel model, FeatureBasis basis, int feature, FeatureCardSettings settings)
    {
        float[] logits;
        lock (model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var t = model.Transformer;
            var dir = FeatureBasis.ToResidual(t, basis.HookName, basis.HookDirection(feature));
            if (settings.UseFinalNorm) dir = dir * t.LnFinal.W.detach().to(ScalarType.Float32).cpu();
            logits = dir.matmul(t.WU.detach().to(ScalarType.Float32).cpu()).contiguous().data<float>().ToArray();
        }

        int n = Math.Min(settings.TopLogits, logits.Length);
        LogitEntry Entry(int id) => new(model.Tokenizer?.TokenText(id) ?? id.ToString(CultureInfo.InvariantCulture), id, logits[id]);
        var order = Enumerable.Range(0, logits.Length).OrderByDescending(i => logits[i]).ThenBy(i => i).ToList();
        return (order.Take(n).Select(Entry).ToList(), Enumerable.Reverse(order).Take(n).Select(Entry).ToList());
    }
}
