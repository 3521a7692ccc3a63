using System.Globalization;
using System.Text;
using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Transformers.Generation;
using Interp.Transformers.Models;
using Interp.Transformers.Tokenizers;

namespace Interp.Cli.Demo;

/// <summary>
/// Mechanistic level on a language model: stories260K (llama2.c) generates a story, then AttentionPatterns on it,
/// LogitLens and DirectLogitAttribution on a prompt, ActivationPatching on a clean/corrupted prompt pair of equal token
/// length, and HeadDetector (previous-token, duplicate-token, induction heads).
/// </summary>
internal sealed class StoriesPart : IDemoPart
{
    /// <summary>Clean/corrupted pairs: the first whose two prompts encode to the same number of tokens is used.</summary>
    private static readonly (string Clean, string Corrupted)[] Pairs =
    [
        ("Lily and Tom went to the park. Lily gave the ball to", "Lily and Ben went to the park. Lily gave the ball to"),
        ("Tom and Lily went to the park. Tom gave the ball to", "Tom and Sue went to the park. Tom gave the ball to"),
        ("Once upon a time there was a little girl named Lily. Lily", "Once upon a time there was a little boy named Tim. Tim"),
    ];

    public string Title => "stories260K";

    /// <summary>Loads stories260K (checkpoint and tokenizer) or skips the part.</summary>
    public static IHookedTransformerModel Load(DemoContext context)
    {
        var path = context.Data.Find("stories260K", "stories260K.bin") ?? throw new DemoSkipException(context.Data.Missing("stories260K/stories260K.bin"));
        var model = context.Models.Load(path, [typeof(IHookedTransformerModel)]) as IHookedTransformerModel
            ?? throw new DemoSkipException($"'{path}' did not load as a hooked transformer.");
        if (model.Tokenizer is null)
        {
            model.Dispose();
            throw new DemoSkipException($"no tokenizer (tok512.bin) beside '{path}'.");
        }

        return model;
    }

    public async Task RunAsync(DemoContext context, DemoStep step, CancellationToken cancellationToken)
    {
        step.Report("loading stories260K", 0);
        using var model = Load(context);
        var tokenizer = model.Tokenizer!;

        int steps = context.Quick ? 40 : 120;
        step.Report($"generating {steps} tokens (greedy)", 0.05);
        GenerationResult story;
        lock (model.SyncRoot) story = TransformerGenerator.Generate(model.Transformer, tokenizer.Encode("Once upon a time", addBos: true), new GenerationOptions { Steps = steps, Temperature = 0 });
        var text = Decode(tokenizer, story.Tokens);
        context.Log("stories260K: " + text.ReplaceLineEndings(" "));
        var generated = context.Report.Attach("envelopes/stories-generation.txt", Encoding.UTF8.GetBytes(text + "\n"));

        step.Report($"AttentionPatterns on the story ({story.Tokens.Count} tokens)", 0.15);
        var storyTokens = story.Tokens.ToList();
        var attention = await context.Create("AttentionPatterns").ExplainAsync(Prompt(model, storyTokens), cancellationToken).ConfigureAwait(false);
        context.Report.Add(attention, "stories-attention", Title, attachments: [generated], title: $"attention on its own {storyTokens.Count}-token story (head and model views)");

        var (clean, corrupted) = PickPair(tokenizer);
        step.Report("LogitLens", 0.3);
        var lens = (LensExplanation)await context.Create("LogitLens", ("TopK", "5")).ExplainAsync(Prompt(model, clean), cancellationToken).ConfigureAwait(false);
        context.Report.Add(lens, "stories-logit-lens", Title, title: "logit lens (layer × position)");
        int last = clean.Count - 1, layers = lens.LayerNames.Count;
        context.Log($"stories260K: logit lens on \"{Decode(tokenizer, clean)}\": top next token by layer: {string.Join(" → ", Enumerable.Range(0, layers).Select(l => Quote(tokenizer, lens.TopTokens.Data[(((l * clean.Count) + last) * lens.TopTokens.Shape[^1])])))}");

        step.Report("DirectLogitAttribution", 0.4);
        var dla = await context.Create("DirectLogitAttribution").ExplainAsync(Prompt(model, clean), cancellationToken).ConfigureAwait(false);
        context.Report.Add(dla, "stories-dla", Title, title: "direct logit attribution of every head and MLP");

        step.Report("ActivationPatching (residual stream, layer × position)", 0.5);
        var pair = Prompt(model, clean, corrupted);
        var patch = (PatchingExplanation)await context.Create("ActivationPatching", ("Site", "resid_pre")).ExplainAsync(pair, cancellationToken).ConfigureAwait(false);
        context.Report.Add(patch, "stories-patching", Title, title: "activation patching of a clean/corrupted pair (residual stream, layer × position)");
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"stories260K: patching \"{Decode(tokenizer, corrupted)}\" → clean: {patch.Metric} (logit {Quote(tokenizer, pair.AnswerToken!.Value)} − logit {Quote(tokenizer, pair.WrongToken!.Value)}) clean {patch.CleanMetric:F3}, corrupted {patch.CorruptedMetric:F3}, grid {string.Join(" × ", patch.Axes)}"));
        if (!context.Quick)
        {
            step.Report("ActivationPatching (attention heads, layer × head)", 0.65);
            var heads = await context.Create("ActivationPatching", ("Site", "z")).ExplainAsync(pair, cancellationToken).ConfigureAwait(false);
            context.Report.Add(heads, "stories-patching-heads", Title, title: "activation patching of every attention head (layer × head)");
        }

        step.Report("HeadDetector (previous-token, duplicate-token, induction)", 0.8);
        var detector = (HeadScoresExplanation)await context.Create("HeadDetector", ("Sequences", context.Quick ? "4" : "16"), ("Seed", "1"))
            .ExplainAsync(Prompt(model, [Llama2cTokenizer.Bos]), cancellationToken).ConfigureAwait(false);
        context.Report.Add(detector, "stories-head-detector", Title, title: "head detectors: previous-token, duplicate-token, induction");
        context.Log($"stories260K: strongest heads: {Strongest(detector)}");
        step.Report("done", 1);
    }

    /// <summary>A prompt request; for a pair, the metric is logit(clean name) − logit(corrupted name), the tokens where the prompts first differ.</summary>
    private static PromptRequest Prompt(IHookedTransformerModel model, IReadOnlyList<int> tokens, IReadOnlyList<int>? corrupted = null)
    {
        int differ = corrupted is null ? -1 : Enumerable.Range(0, tokens.Count).First(i => tokens[i] != corrupted[i]);
        return new()
        {
            Model = model,
            Tokens = tokens,
            CorruptedTokens = corrupted,
            AnswerToken = differ < 0 ? null : tokens[differ],
            WrongToken = differ < 0 ? null : corrupted![differ],
            TokenStrings = tokens.Select(model.Tokenizer!.TokenText).ToList(),
        };
    }

    private static (IReadOnlyList<int> Clean, IReadOnlyList<int> Corrupted) PickPair(ITextTokenizer tokenizer)
    {
        foreach (var (clean, corrupted) in Pairs)
        {
            var a = tokenizer.Encode(clean, addBos: true);
            var b = tokenizer.Encode(corrupted, addBos: true);
            if (a.Count == b.Count) return (a, b);
        }

        throw new InvalidOperationException("no clean/corrupted prompt pair of equal token length.");
    }

    private static string Strongest(HeadScoresExplanation scores)
    {
        int d = scores.Detectors.Count, layers = scores.Scores.Shape[1], heads = scores.Scores.Shape[2];
        return string.Join("; ", Enumerable.Range(0, d).Select(k =>
        {
            var best = Enumerable.Range(0, layers * heads).MaxBy(i => scores.Scores.Data[(k * layers * heads) + i]);
            return string.Create(CultureInfo.InvariantCulture, $"{scores.Detectors[k]} L{best / heads}H{best % heads} {scores.Scores.Data[(k * layers * heads) + best]:F2}");
        }));
    }

    private static string Decode(ITextTokenizer tokenizer, IEnumerable<int> tokens) =>
        tokenizer is Llama2cTokenizer llama ? Encoding.UTF8.GetString(llama.DecodeBytes(tokens.ToList(), printableOnly: true)) : tokenizer.Decode(tokens);

    private static string Quote(ITextTokenizer tokenizer, int token) => "'" + tokenizer.TokenText(token).Trim() + "'";
}
