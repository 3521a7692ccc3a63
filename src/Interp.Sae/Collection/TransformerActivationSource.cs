using System.Globalization;
using Interp.Explainers;
using Interp.Sae.Store;
using Interp.Transformers.Models;

namespace Interp.Sae.Collection;

/// <summary>
/// An <see cref="IActivationSource"/> over a hooked transformer (stories260K or any <see cref="IHookedTransformerModel"/>):
/// runs the model on token windows (<see cref="TextCorpus"/>) in batches of <see cref="BatchWindows"/> and yields the
/// chosen hook point's activations with token ids, positions and window index (the sequence id). Deterministic:
/// the same model, text, context and batch size give the same rows (which is what lets a collection resume).
/// </summary>
public sealed class TransformerActivationSource : IActivationSource
{
    private readonly IHookedTransformerModel _model;
    private readonly Func<IEnumerable<int[]>> _windows;
    private readonly string _corpusId;

    /// <summary>A source over a text file (one document per line).</summary>
    /// <param name="model">The model (it must have a tokenizer).</param>
    /// <param name="hookName">The hook point, e.g. <c>blocks.2.hook_resid_post</c>.</param>
    /// <param name="textPath">The corpus.</param>
    /// <param name="context">Tokens per window (≤ the model's n_ctx).</param>
    /// <param name="maxTokens">Stop after this many rows (0 = the whole file).</param>
    /// <param name="batchWindows">Windows per forward pass.</param>
    public TransformerActivationSource(IHookedTransformerModel model, string hookName, string textPath, int context = 256, long maxTokens = 0, int batchWindows = 8)
        : this(model, hookName, () => TextCorpus.Windows(Tokenizer(model), textPath, context), CorpusId(textPath), context, maxTokens, batchWindows)
    {
    }

    /// <summary>A source over given token windows (each exactly <paramref name="context"/> tokens).</summary>
    /// <param name="model">The model.</param>
    /// <param name="hookName">The hook point.</param>
    /// <param name="windows">Produces the windows (called once per enumeration; must be deterministic).</param>
    /// <param name="corpusId">Identifies the windows in the fingerprint.</param>
    /// <param name="context">Tokens per window.</param>
    /// <param name="maxTokens">Stop after this many rows (0 = all).</param>
    /// <param name="batchWindows">Windows per forward pass.</param>
    public TransformerActivationSource(IHookedTransformerModel model, string hookName, Func<IEnumerable<int[]>> windows, string corpusId, int context, long maxTokens = 0, int batchWindows = 8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentException.ThrowIfNullOrEmpty(hookName);
        var cfg = model.Transformer.Config;
        if (context < 2 || context > cfg.NCtx) throw new InterpException($"The context length must be in [2, {cfg.NCtx}] (the model's n_ctx), got {context}.") { IsConfigurationError = true };
        if (batchWindows <= 0) throw new InterpException($"Windows per batch must be positive, got {batchWindows}.") { IsConfigurationError = true };
        if (maxTokens < 0) throw new InterpException($"The token limit must be ≥ 0, got {maxTokens}.") { IsConfigurationError = true };
        _model = model;
        _windows = windows;
        _corpusId = corpusId;
        HookName = hookName;
        Context = context;
        MaxTokens = maxTokens;
        BatchWindows = batchWindows;
        DModel = HookWidth(model, hookName);
    }

    /// <inheritdoc />
    public string HookName { get; }

    /// <inheritdoc />
    public int DModel { get; }

    /// <summary>Tokens per window.</summary>
    public int Context { get; }

    /// <summary>Row limit (0 = none).</summary>
    public long MaxTokens { get; }

    /// <summary>Windows per forward pass.</summary>
    public int BatchWindows { get; }

    /// <summary>
    /// Model (name, layers, d_model, vocab, file size), hook, corpus, context and batch size. The token limit is left out, so
    /// a resumed collection may ask for more tokens than the interrupted one.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var cfg = _model.Transformer.Config;
            var path = _model.Source.Path;
            long size = path is not null && File.Exists(path) ? new FileInfo(path).Length : -1;
            return string.Create(CultureInfo.InvariantCulture,
                $"transformer:{cfg.ModelName}:{Path.GetFileName(path)}:{size}:L{cfg.NLayers}:d{cfg.DModel}:v{cfg.DVocab}|hook:{HookName}|corpus:{_corpusId}|context:{Context}|batch:{BatchWindows}");
        }
    }

    /// <summary>The width of a hook point's activations on <paramref name="model"/> (from one forward pass of one token).</summary>
    /// <param name="model">The model.</param>
    /// <param name="hookName">The hook point.</param>
    /// <exception cref="InterpException">No such hook point.</exception>
    public static int HookWidth(IHookedTransformerModel model, string hookName)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = model.Transformer;
        if (!t.HookPointNames.Contains(hookName, StringComparer.Ordinal))
        {
            throw new InterpException($"'{hookName}' is not a hook point of {t.Config.ModelName}; e.g. {string.Join(", ", t.HookPointNames.Where(n => n.StartsWith("blocks.0.", StringComparison.Ordinal)).Take(8))}.") { IsConfigurationError = true };
        }

        lock (model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (_, cache) = t.RunWithCache(zeros(1, 1, dtype: ScalarType.Int64, device: t.WE.device), hookName);
            using (cache) return (int)cache[hookName].shape[^1];
        }
    }

    /// <inheritdoc />
    public IEnumerable<ActivationBatch> ReadBatches(CancellationToken cancellationToken = default)
    {
        long emitted = 0;
        var pending = new List<int[]>(BatchWindows);
        int sequence = 0;
        foreach (var window in _windows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (window.Length != Context) throw new InterpException($"A corpus window has {window.Length} tokens, expected {Context}.");
            pending.Add(window);
            if (pending.Count < BatchWindows) continue;
            var batch = Run(pending, sequence);
            sequence += pending.Count;
            pending.Clear();
            if (MaxTokens > 0 && emitted + batch.Count >= MaxTokens)
            {
                yield return Truncate(batch, (int)(MaxTokens - emitted));
                yield break;
            }

            emitted += batch.Count;
            yield return batch;
        }

        if (pending.Count > 0)
        {
            var batch = Run(pending, sequence);
            yield return MaxTokens > 0 && emitted + batch.Count > MaxTokens ? Truncate(batch, (int)(MaxTokens - emitted)) : batch;
        }
    }

    private static ActivationBatch Truncate(ActivationBatch b, int rows) =>
        new(b.TokenIds[..rows], b.Positions[..rows], b.SequenceIds[..rows], b.Activations[..(rows * b.DModel)], b.DModel);

    private ActivationBatch Run(List<int[]> windows, int firstSequence)
    {
        int n = windows.Count, rows = n * Context;
        var ids = new long[rows];
        var tokenIds = new int[rows];
        var positions = new int[rows];
        var sequences = new int[rows];
        for (int w = 0; w < n; w++)
        {
            for (int p = 0; p < Context; p++)
            {
                int r = (w * Context) + p;
                ids[r] = tokenIds[r] = windows[w][p];
                positions[r] = p;
                sequences[r] = firstSequence + w;
            }
        }

        float[] acts;
        lock (_model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var t = _model.Transformer;
            var (_, cache) = t.RunWithCache(tensor(ids, [n, Context]).to(t.WE.device), HookName);
            using (cache) acts = cache[HookName].to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        }

        return new ActivationBatch(tokenIds, positions, sequences, acts, DModel);
    }

    private static Transformers.Tokenizers.ITextTokenizer Tokenizer(IHookedTransformerModel model) =>
        (model ?? throw new ArgumentNullException(nameof(model))).Tokenizer
        ?? throw new InterpException($"'{model.Source.Path}' has no tokenizer: a text corpus cannot be tokenized (pass token windows instead).") { IsConfigurationError = true };

    private static string CorpusId(string path) =>
        File.Exists(path) ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}:{new FileInfo(path).Length}") : throw new InterpException($"Text file '{path}' does not exist.") { IsConfigurationError = true };
}
