using Interp.Explainers;
using Interp.Transformers.Tokenizers;

namespace Interp.Sae.Collection;

/// <summary>
/// A text file as fixed-length token windows, the way SAELens feeds a model: documents (one per non-empty line) are
/// tokenized with BOS prepended and concatenated into one stream, which is cut into windows of exactly
/// <c>context</c> tokens (the last partial window is dropped). Streams the file line by line; deterministic.
/// </summary>
public static class TextCorpus
{
    /// <summary>The windows of <paramref name="path"/>.</summary>
    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="path">A UTF-8 text file, one document per line.</param>
    /// <param name="context">Tokens per window.</param>
    /// <param name="skipWindows">Windows skipped at the start (e.g. to hold out text used for training).</param>
    /// <exception cref="InterpException">Missing file or bad context.</exception>
    public static IEnumerable<int[]> Windows(ITextTokenizer tokenizer, string path, int context, long skipWindows = 0)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (context < 2) throw new InterpException($"The context length must be at least 2 tokens, got {context}.") { IsConfigurationError = true };
        if (!File.Exists(path)) throw new InterpException($"Text file '{path}' does not exist.") { IsConfigurationError = true };
        return Iterate(tokenizer, path, context, skipWindows);
    }

    /// <summary>The windows of already tokenized documents (each should start with BOS), same packing as <see cref="Windows"/>.</summary>
    /// <param name="documents">Token ids per document.</param>
    /// <param name="context">Tokens per window.</param>
    public static IEnumerable<int[]> Pack(IEnumerable<IReadOnlyList<int>> documents, int context)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var window = new int[context];
        int filled = 0;
        foreach (var doc in documents)
        {
            foreach (int t in doc)
            {
                window[filled++] = t;
                if (filled == context)
                {
                    yield return window;
                    window = new int[context];
                    filled = 0;
                }
            }
        }
    }

    private static IEnumerable<int[]> Iterate(ITextTokenizer tokenizer, string path, int context, long skip)
    {
        long index = 0;
        foreach (var window in Pack(Documents(tokenizer, path), context))
        {
            if (index++ < skip) continue;
            yield return window;
        }
    }

    private static IEnumerable<IReadOnlyList<int>> Documents(ITextTokenizer tokenizer, string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return tokenizer.Encode(line.Trim(), addBos: true);
        }
    }
}
