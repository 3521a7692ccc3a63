using System.Buffers.Binary;
using System.Text;
using Interp.Explainers;

namespace Interp.Transformers.Tokenizers;

/// <summary>
/// llama2.c's tokenizer file (<c>tok512.bin</c>, <c>tokenizer.bin</c>): max_token_length, then per id a float score,
/// an int length and the piece's bytes. Encoding follows run.c's <c>encode</c> exactly: optional BOS (1), a dummy
/// prefix " " for non-empty text, one token per UTF-8 code point (byte fallback: byte + 3), then repeatedly merge the
/// adjacent pair whose concatenation is in the vocabulary with the highest score (leftmost on ties). Decoding follows
/// run.c's <c>decode</c>: after BOS a leading space is dropped, and pieces <c>&lt;0xXX&gt;</c> are raw bytes.
/// </summary>
public sealed class Llama2cTokenizer : ITextTokenizer
{
    /// <summary>The BOS id of llama2.c vocabularies.</summary>
    public const int Bos = 1;

    /// <summary>The EOS id of llama2.c vocabularies.</summary>
    public const int Eos = 2;

    private readonly byte[][] _pieces;
    private readonly float[] _scores;
    private readonly Dictionary<string, int> _lookup = new(StringComparer.Ordinal);

    private Llama2cTokenizer(byte[][] pieces, float[] scores, int maxTokenLength)
    {
        _pieces = pieces;
        _scores = scores;
        MaxTokenLength = maxTokenLength;
        for (int i = 0; i < pieces.Length; i++) _lookup.TryAdd(Key(pieces[i]), i);
    }

    /// <summary>Reads a tokenizer file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="vocabSize">The model's vocabulary size (the file does not record it).</param>
    /// <exception cref="InterpException">Missing or truncated file, or extra bytes after <paramref name="vocabSize"/> entries.</exception>
    public static Llama2cTokenizer Load(string path, int vocabSize)
    {
        if (!File.Exists(path)) throw new InterpException($"Tokenizer '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        int offset = 0;
        int ReadInt()
        {
            if (offset + 4 > bytes.Length) throw new InterpException($"Tokenizer '{path}' is truncated at byte {offset} (expected {vocabSize} entries).");
            int v = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            offset += 4;
            return v;
        }

        int maxLength = ReadInt();
        var pieces = new byte[vocabSize][];
        var scores = new float[vocabSize];
        for (int i = 0; i < vocabSize; i++)
        {
            scores[i] = BitConverter.Int32BitsToSingle(ReadInt());
            int len = ReadInt();
            if (len < 0 || offset + len > bytes.Length) throw new InterpException($"Tokenizer '{path}': entry {i} has an invalid length {len}.");
            pieces[i] = bytes.AsSpan(offset, len).ToArray();
            offset += len;
        }

        if (offset != bytes.Length)
        {
            throw new InterpException($"Tokenizer '{path}' has {bytes.Length - offset} bytes after {vocabSize} entries: it belongs to a model with a larger vocabulary.");
        }

        return new Llama2cTokenizer(pieces, scores, maxLength);
    }

    /// <inheritdoc />
    public int VocabSize => _pieces.Length;

    /// <inheritdoc />
    public int? BosTokenId => Bos;

    /// <summary>The longest piece in bytes, as recorded in the file.</summary>
    public int MaxTokenLength { get; }

    /// <summary>The piece of <paramref name="token"/> as stored (e.g. <c>" the"</c>, <c>"&lt;0x0A&gt;"</c>).</summary>
    /// <param name="token">A token id.</param>
    public ReadOnlySpan<byte> Piece(int token) => _pieces[token];

    /// <summary>The merge score of <paramref name="token"/>.</summary>
    /// <param name="token">A token id.</param>
    public float Score(int token) => _scores[token];

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addBos = true) => Encode(text, addBos, addEos: false);

    /// <summary>Encodes as run.c's <c>encode(text, bos, eos)</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="addBos">Prepend BOS (1).</param>
    /// <param name="addEos">Append EOS (2).</param>
    public IReadOnlyList<int> Encode(string text, bool addBos, bool addEos)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new List<int>(bytes.Length + 3);
        if (addBos) tokens.Add(Bos);
        int start = tokens.Count;
        if (bytes.Length > 0) tokens.Add(Lookup(" "u8) ?? throw new InterpException("The tokenizer has no ' ' piece for the dummy prefix."));
        EncodeCodePoints(bytes, tokens);
        Merge(tokens, start);
        if (addEos) tokens.Add(Eos);
        return tokens;
    }

    private void EncodeCodePoints(byte[] bytes, List<int> tokens)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            // A code point: a byte that is not a continuation byte, plus up to 3 continuation bytes (run.c stops at 4 bytes).
            int len = 1;
            while (i + len < bytes.Length && (bytes[i + len] & 0xC0) == 0x80 && len < 4) len++;
            var span = bytes.AsSpan(i, len);
            if (Lookup(span) is int id)
            {
                tokens.Add(id);
            }
            else
            {
                foreach (var b in span) tokens.Add(b + 3);
            }

            i += len;
        }
    }

    private void Merge(List<int> tokens, int start)
    {
        // Candidate merge of each pair (i, i+1): the merged id and its score, or -1.
        var candidates = new List<int>(tokens.Count);
        for (int i = start; i < tokens.Count - 1; i++) candidates.Add(PairId(tokens[i], tokens[i + 1]));
        while (true)
        {
            float best = -1e10f;
            int bestIdx = -1;
            for (int c = 0; c < candidates.Count; c++)
            {
                int id = candidates[c];
                if (id != -1 && _scores[id] > best)
                {
                    best = _scores[id];
                    bestIdx = c;
                }
            }

            if (bestIdx == -1) return;
            int at = start + bestIdx;
            tokens[at] = candidates[bestIdx];
            tokens.RemoveAt(at + 1);
            candidates.RemoveAt(bestIdx);
            if (bestIdx > 0) candidates[bestIdx - 1] = PairId(tokens[at - 1], tokens[at]);
            if (bestIdx < candidates.Count) candidates[bestIdx] = PairId(tokens[at], tokens[at + 1]);
        }
    }

    private int PairId(int a, int b)
    {
        var pa = _pieces[a];
        var pb = _pieces[b];
        Span<byte> joined = pa.Length + pb.Length <= 256 ? stackalloc byte[pa.Length + pb.Length] : new byte[pa.Length + pb.Length];
        pa.CopyTo(joined);
        pb.CopyTo(joined[pa.Length..]);
        return Lookup(joined) ?? -1;
    }

    private int? Lookup(ReadOnlySpan<byte> piece) => _lookup.TryGetValue(Key(piece), out var id) ? id : null;

    private static string Key(ReadOnlySpan<byte> piece) => Encoding.Latin1.GetString(piece);

    /// <summary>
    /// The bytes run.c's <c>decode(prev, token)</c> returns: the piece, without its leading space right after BOS,
    /// and a single raw byte for pieces <c>&lt;0xXX&gt;</c>.
    /// </summary>
    /// <param name="previous">The token before (−1 for none).</param>
    /// <param name="token">The token.</param>
    public ReadOnlySpan<byte> DecodePiece(int previous, int token)
    {
        ReadOnlySpan<byte> piece = _pieces[token];
        if (previous == Bos && piece.Length > 0 && piece[0] == (byte)' ') piece = piece[1..];
        if (piece.Length >= 4 && piece.StartsWith("<0x"u8) && IsHex(piece[3]))
        {
            int value = HexValue(piece[3]);
            if (piece.Length > 4 && IsHex(piece[4])) value = value * 16 + HexValue(piece[4]);
            return ByteTable.AsSpan(value, 1);
        }

        return piece;
    }

    private static readonly byte[] ByteTable = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

    private static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>
    /// The bytes of a token sequence as run.c prints them: each token after the first decoded with its predecessor
    /// (<see cref="DecodePiece"/>); with <paramref name="printableOnly"/>, single-byte pieces that are neither printable
    /// ASCII nor whitespace are dropped, as run.c's <c>safe_printf</c> does. A BOS token is never printed.
    /// </summary>
    /// <param name="tokens">Token ids; the first is the context (usually BOS) and is not printed unless it is an ordinary token.</param>
    /// <param name="printableOnly">Apply run.c's <c>safe_printf</c> filter.</param>
    public byte[] DecodeBytes(IEnumerable<int> tokens, bool printableOnly = false)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var output = new List<byte>();
        int previous = -1;
        foreach (var token in tokens)
        {
            if (token < 0 || token >= _pieces.Length) throw new InterpException($"Token id {token} is outside the vocabulary (0..{_pieces.Length - 1}).");
            if (token != Bos)
            {
                var piece = DecodePiece(previous, token);
                if (!printableOnly || piece.Length != 1 || IsPrintOrSpace(piece[0])) output.AddRange(piece);
            }

            previous = token;
        }

        return output.ToArray();
    }

    private static bool IsPrintOrSpace(byte b) => b is >= 0x20 and <= 0x7E or (>= 0x09 and <= 0x0D);

    /// <inheritdoc />
    public string Decode(IEnumerable<int> tokens) => Encoding.UTF8.GetString(DecodeBytes(tokens));

    /// <inheritdoc />
    public string TokenText(int token) => Encoding.UTF8.GetString(DecodePiece(-1, token));
}
