using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Interp.Explainers;

namespace Interp.Transformers.Loading;

/// <summary>
/// Reads llama2.c's legacy ("version 0") checkpoints: a header of 7 int32 (dim, hidden_dim, n_layers, n_heads,
/// n_kv_heads, vocab_size, seq_len; a negative vocab_size means a separate classifier follows), then float32 weights in
/// run.c's order (token embedding, attention norms, wq, wk, wv, wo, MLP norms, w1, w2, w3, final norm, two legacy RoPE
/// tables that are skipped, optional classifier). The file size must match the header exactly.
/// </summary>
public static class Llama2cCheckpoint
{
    private const int HeaderBytes = 7 * sizeof(int);

    /// <summary>Loads a checkpoint into a Llama-style <see cref="HookedTransformer"/> (adjacent-pair rotary, as run.c).</summary>
    /// <param name="path">The <c>.bin</c> file.</param>
    /// <exception cref="InterpException">Missing file, an implausible header, or a size that does not match the header.</exception>
    public static HookedTransformer Load(string path)
    {
        if (!File.Exists(path)) throw new InterpException($"Checkpoint '{path}' does not exist.");
        var bytes = File.ReadAllBytes(path);
        var cfg = ReadConfig(path, bytes);
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes));
        if (!BitConverter.IsLittleEndian) throw new InterpException("llama2.c checkpoints are little-endian; this machine is not.");
        var model = new HookedTransformer(cfg);
        try
        {
            Fill(model, cfg, floats);
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return model;
    }

    /// <summary>Reads and checks the header, including the exact file size it implies.</summary>
    /// <param name="path">For messages.</param>
    /// <param name="bytes">The whole file.</param>
    /// <exception cref="InterpException">Short file, implausible header, or a size mismatch.</exception>
    public static HookedTransformerConfig ReadConfig(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes) throw new InterpException($"Checkpoint '{path}' has {bytes.Length} bytes, less than the 28-byte llama2.c header.");
        var h = new int[7];
        for (int i = 0; i < 7; i++) h[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
        int dim = h[0], hidden = h[1], layers = h[2], heads = h[3], kvHeads = h[4], vocab = Math.Abs(h[5]), seqLen = h[6];
        bool tied = h[5] > 0;
        string header = $"dim={dim} hidden_dim={hidden} n_layers={layers} n_heads={heads} n_kv_heads={kvHeads} vocab_size={h[5]} seq_len={seqLen}";
        if (new[] { dim, hidden, layers, heads, kvHeads, vocab, seqLen }.Any(v => v <= 0) || dim % heads != 0 || heads % kvHeads != 0 || dim / heads % 2 != 0)
        {
            throw new InterpException($"Checkpoint '{path}' is not a llama2.c legacy checkpoint: implausible header ({header}).");
        }

        long expected = ExpectedFileSize(dim, hidden, layers, heads, kvHeads, vocab, seqLen, tied);
        if (bytes.Length != expected)
        {
            throw new InterpException($"Checkpoint '{path}' has {bytes.Length} bytes but its header ({header}) implies exactly {expected} bytes ({(bytes.Length < expected ? "truncated" : "trailing data or another format")}).");
        }

        return HookedTransformerConfig.Llama(layers, dim, heads, kvHeads, hidden, vocab, seqLen, tied, rotaryAdjacentPairs: true) with { ModelName = Path.GetFileNameWithoutExtension(path) };
    }

    /// <summary>The exact size in bytes of a checkpoint with this header.</summary>
    /// <param name="dim">d_model.</param>
    /// <param name="hidden">d_mlp.</param>
    /// <param name="layers">n_layers.</param>
    /// <param name="heads">n_heads.</param>
    /// <param name="kvHeads">n_kv_heads.</param>
    /// <param name="vocab">Vocabulary size (absolute value).</param>
    /// <param name="seqLen">seq_len.</param>
    /// <param name="tied">Whether the classifier is the embedding (positive vocab_size in the header).</param>
    public static long ExpectedFileSize(int dim, int hidden, int layers, int heads, int kvHeads, int vocab, int seqLen, bool tied)
    {
        long headSize = dim / heads, kvDim = (long)dim * kvHeads / heads, l = layers;
        long floats = (long)vocab * dim + l * dim + l * dim * dim + 2 * l * dim * kvDim + l * dim * dim + l * dim
            + 3 * l * dim * hidden + dim + seqLen * headSize + (tied ? 0 : (long)vocab * dim);
        return HeaderBytes + 4 * floats;
    }

    private static void Fill(HookedTransformer model, HookedTransformerConfig cfg, ReadOnlySpan<float> w)
    {
        int dim = cfg.DModel, hidden = cfg.DMlp, kvDim = cfg.NKeyValueHeads * cfg.DHead, vocab = cfg.DVocab;
        int offset = 0;
        ReadOnlySpan<float> Take(ReadOnlySpan<float> all, int count)
        {
            var slice = all.Slice(offset, count);
            offset += count;
            return slice;
        }

        WeightCopy.Into(model.WE, Take(w, vocab * dim), "token_embedding_table");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Ln1.W, Take(w, dim), "rms_att_weight");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Attn.QWeight, Take(w, dim * dim), "wq");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Attn.KWeight, Take(w, kvDim * dim), "wk");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Attn.VWeight, Take(w, kvDim * dim), "wv");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Attn.OWeight, Take(w, dim * dim), "wo");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Ln2.W, Take(w, dim), "rms_ffn_weight");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Mlp.GateWeight!, Take(w, hidden * dim), "w1");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Mlp.OutWeight, Take(w, dim * hidden), "w2");
        foreach (var b in model.Blocks) WeightCopy.Into(b.Mlp.InWeight, Take(w, hidden * dim), "w3");
        WeightCopy.Into(model.LnFinal.W, Take(w, dim), "rms_final_weight");
        offset += cfg.NCtx * cfg.DHead; // freq_cis_real and freq_cis_imag, unused
        if (!cfg.TiedUnembed) WeightCopy.Into(model.UnembedWeight, Take(w, vocab * dim), "wcls");
    }
}
