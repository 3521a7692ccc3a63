using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Transformers.Models;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.LogitLens;

/// <summary>
/// The logit lens: the residual stream after every layer read out as the model's final layer would,
/// <c>unembed(final_norm(resid))</c>, with the final norm recomputed on that residual (its own scale per layer and
/// position; unlike direct logit attribution, which reuses the final run's cached scale). Reports the top-k tokens with
/// probabilities and, for each position, the probability and rank of the prompt's next token. The last row equals the
/// model's logits.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | mechanistic | IHookedTransformerModel | TorchSharp | through the backend | yes | one forward pass + one unembedding per layer |
/// </remarks>
[Explainer("LogitLens", ExplainerLevel.Mechanistic, typeof(LogitLensOptions),
    RequiredCapabilities = [typeof(IHookedTransformerModel)],
    Description = "Unembed the residual stream at every layer × position (nostalgebraist's logit lens).")]
public sealed class LogitLens : ExplainerBase<PromptRequest, LensExplanation, LogitLensOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public LogitLens(LogitLensOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<LensExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        var prompt = TransformerPrompt.Create(request, Name);
        cancellationToken.ThrowIfCancellationRequested();
        var t = prompt.Transformer;
        int layers = t.Config.NLayers, pos = prompt.Positions;
        var rows = new List<string>();
        if (Options.IncludeEmbeddings) rows.Add("blocks.0.hook_resid_pre");
        for (int l = 0; l < layers; l++) rows.Add($"blocks.{l}.hook_{Options.Site}");
        rows = rows.Distinct().ToList();

        int k = Math.Min(Options.TopK, t.Config.DVocab);
        var top = new int[rows.Count * pos * k];
        var topP = new float[rows.Count * pos * k];
        var chosen = Enumerable.Range(0, pos).Select(p => p + 1 < pos ? prompt.Tokens[p + 1] : -1).ToArray();
        var chosenP = new float[rows.Count * pos];
        var chosenRank = new int[rows.Count * pos];
        float[]? logits = Options.IncludeLogits ? new float[rows.Count * pos * t.Config.DVocab] : null;
        lock (prompt.Model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (_, cache) = t.RunWithCache(prompt.ToTensor(prompt.Tokens), rows.ToArray());
            using (cache)
            {
                for (int r = 0; r < rows.Count; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var lens = t.Unembed(t.LnFinal.call(cache[rows[r]]))[0].to(ScalarType.Float32).cpu();   // [pos, vocab]
                    var probs = lens.softmax(-1);
                    var (values, indices) = probs.topk(k, dim: -1);
                    values.contiguous().data<float>().ToArray().CopyTo(topP.AsSpan(r * pos * k, pos * k));
                    indices.to(ScalarType.Int32).contiguous().data<int>().ToArray().CopyTo(top.AsSpan(r * pos * k, pos * k));
                    var p = probs.data<float>().ToArray();
                    int vocab = t.Config.DVocab;
                    for (int q = 0; q < pos; q++)
                    {
                        int c = chosen[q];
                        if (c < 0)
                        {
                            chosenP[(r * pos) + q] = float.NaN;
                            chosenRank[(r * pos) + q] = -1;
                            continue;
                        }

                        float pc = p[(q * vocab) + c];
                        chosenP[(r * pos) + q] = pc;
                        int rank = 0;
                        for (int v = 0; v < vocab; v++) if (p[(q * vocab) + v] > pc) rank++;
                        chosenRank[(r * pos) + q] = rank;
                    }

                    if (logits is not null) lens.contiguous().data<float>().ToArray().CopyTo(logits.AsSpan(r * pos * vocab, pos * vocab));
                }
            }
        }

        return Task.FromResult(new LensExplanation
        {
            Method = Name,
            Level = Level,
            Options = Options,
            Model = request.Model.Source,
            Labels = new ExplanationLabels { Tokens = prompt.TokenStrings(request) },
            LayerNames = rows,
            TokenTexts = prompt.Model.Tokenizer is { } tokenizer ? prompt.Tokens.Concat(top).Distinct().ToDictionary(id => id, tokenizer.TokenText) : null,
            Tokens = prompt.Tokens,
            TopTokens = new NdArray<int>(top, rows.Count, pos, k),
            TopProbabilities = new NdArray<float>(topP, rows.Count, pos, k),
            ChosenTokens = chosen,
            ChosenProbabilities = new NdArray<float>(chosenP, rows.Count, pos),
            ChosenRanks = new NdArray<int>(chosenRank, rows.Count, pos),
            Logits = logits is null ? null : new NdArray<float>(logits, rows.Count, pos, t.Config.DVocab),
        });
    }
}
