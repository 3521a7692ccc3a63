namespace Interp.Transformers.Tokenizers;

/// <summary>Text ↔ token ids for a language model (llama2.c's <c>tok512.bin</c>, GPT-2 BPE).</summary>
public interface ITextTokenizer
{
    /// <summary>Number of ids.</summary>
    int VocabSize { get; }

    /// <summary>The beginning-of-sequence id, or null when the tokenizer has none.</summary>
    int? BosTokenId { get; }

    /// <summary>Encodes <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="addBos">Prepend <see cref="BosTokenId"/> (when there is one).</param>
    IReadOnlyList<int> Encode(string text, bool addBos = true);

    /// <summary>Decodes a token sequence into text (a leading BOS is dropped).</summary>
    /// <param name="tokens">Token ids.</param>
    string Decode(IEnumerable<int> tokens);

    /// <summary>The text of one token (for tables and token labels).</summary>
    /// <param name="token">A token id.</param>
    string TokenText(int token);
}
