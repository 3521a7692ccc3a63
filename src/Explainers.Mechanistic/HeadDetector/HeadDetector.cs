using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Transformers.Models;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.HeadDetector;

/// <summary>
/// Scores every attention head as a previous-token, duplicate-token and induction head: the mean, over the query
/// positions that have a target, of the attention mass the head puts on the target keys — the previous position; earlier
/// occurrences of the query's token; positions right after earlier occurrences of the query's token. Run on repeated
/// random sequences <c>[BOS] r r</c> (where the second half makes duplicate and induction targets exact) or on a prompt.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | mechanistic | IHookedTransformerModel | TorchSharp | through the backend | yes, for a given seed | one batched forward pass |
/// </remarks>
[Explainer("HeadDetector", ExplainerLevel.Mechanistic, typeof(HeadDetectorOptions),
    RequiredCapabilities = [typeof(IHookedTransformerModel)],
    Description = "Previous-token, duplicate-token and induction scores of every head.")]
public sealed class HeadDetector : ExplainerBase<PromptRequest, HeadScoresExplanation, HeadDetectorOptions>
{
    /// <summary>The detectors, in the order of the scores' first axis.</summary>
    public static readonly IReadOnlyList<string> Detectors = ["previous_token", "duplicate_token", "induction"];

    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public HeadDetector(HeadDetectorOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<HeadScoresExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Model is not IHookedTransformerModel model) throw new MissingCapabilityException(Name, typeof(IHookedTransformerModel), request.Model);
        var t = model.Transformer;
        int seed = Options.Seed ?? request.Seed ?? 0;
        var sequences = Options.Source == "prompt" ? [TransformerPrompt.Create(request, Name).Tokens] : RandomSequences(t.Config.DVocab, t.Config.BosTokenId, t.Config.NCtx, seed);
        int layers = t.Config.NLayers, heads = t.Config.NHeads;
        var sums = new double[Detectors.Count * layers * heads];
        var counts = new int[Detectors.Count];
        lock (model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            int n = sequences.Count, len = sequences[0].Count;
            var tokens = tensor(sequences.SelectMany(s => s.Select(v => (long)v)).ToArray(), [n, len], ScalarType.Int64).to(t.WE.device);
            cancellationToken.ThrowIfCancellationRequested();
            var (_, cache) = t.RunWithCache(tokens, "blocks.*.attn.hook_pattern");
            using (cache)
            {
                for (int l = 0; l < layers; l++)
                {
                    var pattern = cache[$"blocks.{l}.attn.hook_pattern"].to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();   // [n, h, q, k]
                    for (int s = 0; s < n; s++)
                    {
                        for (int d = 0; d < Detectors.Count; d++)
                        {
                            for (int q = 0; q < len; q++)
                            {
                                var keys = Targets(d, sequences[s], q);
                                if (keys.Count == 0) continue;
                                if (l == 0) counts[d] += 1;
                                for (int h = 0; h < heads; h++)
                                {
                                    int row = ((((s * heads) + h) * len) + q) * len;
                                    double mass = 0;
                                    foreach (int k in keys) mass += pattern[row + k];
                                    sums[(((d * layers) + l) * heads) + h] += mass;
                                }
                            }
                        }
                    }
                }
            }
        }

        var scores = new float[sums.Length];
        for (int d = 0; d < Detectors.Count; d++)
        {
            for (int i = 0; i < layers * heads; i++) scores[(d * layers * heads) + i] = counts[d] == 0 ? float.NaN : (float)(sums[(d * layers * heads) + i] / counts[d]);
        }

        return Task.FromResult(new HeadScoresExplanation
        {
            Method = Name,
            Level = Level,
            Options = Options,
            Seed = Options.Source == "random" ? seed : null,
            Model = request.Model.Source,
            Detectors = Detectors,
            Scores = new NdArray<float>(scores, Detectors.Count, layers, heads),
            Tokens = sequences[0],
        });
    }

    /// <summary>The key positions detector <paramref name="d"/> looks for from query <paramref name="q"/>.</summary>
    internal static IReadOnlyList<int> Targets(int d, IReadOnlyList<int> tokens, int q)
    {
        if (d == 0) return q >= 1 ? [q - 1] : [];
        var keys = new List<int>();
        for (int k = d == 1 ? 0 : 1; k < q; k++)
        {
            if (d == 1 ? tokens[k] == tokens[q] : tokens[k - 1] == tokens[q]) keys.Add(k);
        }

        return keys;
    }

    private List<IReadOnlyList<int>> RandomSequences(int vocab, int? bos, int context, int seed)
    {
        int len = (2 * Options.SequenceLength) + (bos is null ? 0 : 1);
        if (len > context)
        {
            throw new InterpException($"{Name}: 2 × SequenceLength{(bos is null ? "" : " + BOS")} = {len} tokens exceeds the model's context of {context}.") { IsConfigurationError = true };
        }

        var rng = new Random(seed);
        var result = new List<IReadOnlyList<int>>();
        for (int s = 0; s < Options.Sequences; s++)
        {
            var half = Enumerable.Range(0, Options.SequenceLength).Select(_ =>
            {
                int v;
                do v = rng.Next(vocab); while (v == bos);
                return v;
            }).ToList();
            var seq = new List<int>();
            if (bos is int b) seq.Add(b);
            seq.AddRange(half);
            seq.AddRange(half);
            result.Add(seq);
        }

        return result;
    }
}
