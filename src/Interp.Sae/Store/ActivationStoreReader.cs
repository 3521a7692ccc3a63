using System.Buffers.Binary;
using System.Globalization;
using Interp.Explainers;
using Interp.Sae.IO;
using Interp.Sae.Training;

namespace Interp.Sae.Store;

/// <summary>
/// Reads a store for training: shards in a seeded random order per epoch, streamed in chunks into a shuffle buffer
/// of <see cref="BufferRows"/> rows, from which each batch draws rows at random (seeded). Memory is the buffer plus
/// one chunk — never the whole store. The position (epoch, shard order, row, random state and the buffer's rows) is
/// saved into training checkpoints. Every shard's header is checked on open: a truncated shard or one of another
/// d_model is an error naming the file.
/// </summary>
public sealed class ActivationStoreReader : ITrainingBatchSource, IDisposable
{
    private const int ChunkRows = 4096;
    private readonly string _directory;
    private readonly ActivationStoreManifest _manifest;
    private readonly ActivationShardHeader[] _headers;
    private readonly float[] _activations;
    private readonly int[] _tokens, _positions, _sequences;
    private readonly ulong _seed;
    private SaeRandom _random;
    private int[] _order = [];
    private int _epoch = -1, _shardIndex, _count;
    private long _row;
    private FileStream? _open;
    private int _openShard = -1;

    /// <summary>Opens a store.</summary>
    /// <param name="directory">The store folder.</param>
    /// <param name="bufferRows">Rows in the shuffle buffer (≥ the batch size; memory ≈ bufferRows · (12 + 4·d_model) bytes).</param>
    /// <param name="seed">Seed of the shard order and the draws.</param>
    /// <param name="requireComplete">Refuse a store whose collection has not finished.</param>
    /// <exception cref="InterpException">No manifest, an incomplete store, a bad shard (named).</exception>
    public ActivationStoreReader(string directory, int bufferRows, ulong seed, bool requireComplete = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferRows);
        _directory = directory;
        _manifest = ActivationStoreManifest.TryLoad(directory) ?? throw new InterpException($"'{directory}' is not an activation store (no {ActivationStoreManifest.FileName}).");
        if (requireComplete && !_manifest.Complete) throw new InterpException($"Activation store '{directory}' is incomplete ({_manifest.Rows} rows committed); finish the collection first (it resumes).");
        if (_manifest.Rows == 0) throw new InterpException($"Activation store '{directory}' has no rows.");
        _headers = _manifest.Shards.Select(s => CheckShard(s)).ToArray();
        BufferRows = bufferRows;
        _activations = new float[(long)bufferRows * DModel];
        _tokens = new int[bufferRows];
        _positions = new int[bufferRows];
        _sequences = new int[bufferRows];
        _seed = seed;
        _random = SaeRandom.ForStream(seed, "store");
    }

    /// <inheritdoc />
    public int DModel => _manifest.DModel;

    /// <summary>The hook point.</summary>
    public string HookName => _manifest.HookName;

    /// <summary>Rows in the store.</summary>
    public long Rows => _manifest.Rows;

    /// <summary>Shuffle buffer capacity.</summary>
    public int BufferRows { get; }

    /// <summary>The manifest.</summary>
    public ActivationStoreManifest Manifest => _manifest;

    /// <inheritdoc />
    public string Fingerprint => string.Create(CultureInfo.InvariantCulture, $"store(source={_manifest.Source};hook={HookName};d={DModel};rows={Rows};buffer={BufferRows};seed={_seed})");

    /// <inheritdoc />
    public float[] NextBatch(int rows) => NextActivationBatch(rows).Activations;

    /// <summary>The next <paramref name="rows"/> rows drawn from the shuffle buffer, with their token ids and positions.</summary>
    /// <param name="rows">Rows (≤ <see cref="BufferRows"/>).</param>
    public ActivationBatch NextActivationBatch(int rows)
    {
        if (rows > BufferRows) throw new InterpException($"A batch of {rows} rows needs a shuffle buffer of at least that many rows (it has {BufferRows}).") { IsConfigurationError = true };
        Refill();
        int d = DModel;
        var batch = new ActivationBatch(new int[rows], new int[rows], new int[rows], new float[rows * d], d);
        for (int r = 0; r < rows; r++)
        {
            if (_count == 0) Refill();
            int j = _random.NextInt(_count);
            batch.TokenIds[r] = _tokens[j];
            batch.Positions[r] = _positions[j];
            batch.SequenceIds[r] = _sequences[j];
            Array.Copy(_activations, (long)j * d, batch.Activations, (long)r * d, d);
            int last = --_count;
            if (j != last)
            {
                _tokens[j] = _tokens[last];
                _positions[j] = _positions[last];
                _sequences[j] = _sequences[last];
                Array.Copy(_activations, (long)last * d, _activations, (long)j * d, d);
            }
        }

        return batch;
    }

    private void Refill()
    {
        int d = DModel;
        while (_count < BufferRows)
        {
            if (_epoch < 0 || _shardIndex >= _order.Length)
            {
                _epoch++;
                _order = Enumerable.Range(0, _headers.Length).ToArray();
                _random.Shuffle(_order.AsSpan());
                _shardIndex = 0;
                _row = 0;
            }

            var header = _headers[_order[_shardIndex]];
            if (_row >= header.Count)
            {
                _shardIndex++;
                _row = 0;
                continue;
            }

            var stream = OpenShard(_order[_shardIndex]);
            int take = (int)Math.Min(Math.Min(BufferRows - _count, ChunkRows), header.Count - _row);
            var bytes = new byte[take * header.RecordBytes];
            stream.Position = header.HeaderBytes + _row * header.RecordBytes;
            stream.ReadExactly(bytes);
            for (int r = 0; r < take; r++)
            {
                var span = bytes.AsSpan(r * header.RecordBytes, header.RecordBytes);
                _tokens[_count] = BinaryPrimitives.ReadInt32LittleEndian(span);
                _positions[_count] = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
                _sequences[_count] = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
                for (int j = 0; j < d; j++) _activations[(long)_count * d + j] = BinaryPrimitives.ReadSingleLittleEndian(span[(12 + 4 * j)..]);
                _count++;
            }

            _row += take;
        }
    }

    private FileStream OpenShard(int shard)
    {
        if (_openShard == shard && _open is not null) return _open;
        _open?.Dispose();
        _open = new FileStream(Path.Combine(_directory, _manifest.Shards[shard].File), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        _openShard = shard;
        return _open;
    }

    private ActivationShardHeader CheckShard(ActivationShardEntry entry)
    {
        var path = Path.Combine(_directory, entry.File);
        if (!File.Exists(path)) throw new InterpException($"Activation shard '{path}' listed in the manifest is missing.");
        var header = ActivationShardHeader.Read(path);
        if (header.DModel != _manifest.DModel) throw new InterpException($"Activation shard '{path}' has d_model {header.DModel}; the store (manifest) has d_model {_manifest.DModel}.");
        if (header.Count != entry.Rows) throw new InterpException($"Activation shard '{path}' holds {header.Count} rows; the manifest says {entry.Rows}.");
        if (header.HookName != _manifest.HookName) throw new InterpException($"Activation shard '{path}' is from hook '{header.HookName}'; the store is '{_manifest.HookName}'.");
        return header;
    }

    /// <inheritdoc />
    public BatchSourceState SaveState()
    {
        int d = DModel;
        return new BatchSourceState(nameof(ActivationStoreReader),
            new Dictionary<string, string>
            {
                ["rng"] = _random.State,
                ["epoch"] = _epoch.ToString(CultureInfo.InvariantCulture),
                ["shard_index"] = _shardIndex.ToString(CultureInfo.InvariantCulture),
                ["row"] = _row.ToString(CultureInfo.InvariantCulture),
                ["count"] = _count.ToString(CultureInfo.InvariantCulture),
            },
            new Dictionary<string, NamedArray>
            {
                ["order"] = NamedArray.Of(_order.ToArray()),
                ["buffer.tokens"] = NamedArray.Of(_tokens[.._count]),
                ["buffer.positions"] = NamedArray.Of(_positions[.._count]),
                ["buffer.sequences"] = NamedArray.Of(_sequences[.._count]),
                ["buffer.activations"] = NamedArray.Of(_activations[..(_count * d)], _count, d),
            });
    }

    /// <inheritdoc />
    public void RestoreState(BatchSourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != nameof(ActivationStoreReader)) throw new InterpException($"The checkpoint's batch source is a {state.Kind}, not an activation store.");
        int count = int.Parse(state.Values["count"], CultureInfo.InvariantCulture);
        if (count > BufferRows) throw new InterpException($"The checkpoint's shuffle buffer holds {count} rows; this reader's buffer has {BufferRows}.");
        _random = SaeRandom.FromState(state.Values["rng"]);
        _epoch = int.Parse(state.Values["epoch"], CultureInfo.InvariantCulture);
        _shardIndex = int.Parse(state.Values["shard_index"], CultureInfo.InvariantCulture);
        _row = long.Parse(state.Values["row"], CultureInfo.InvariantCulture);
        _order = state.Arrays["order"].Ints();
        _count = count;
        state.Arrays["buffer.tokens"].Ints().CopyTo(_tokens, 0);
        state.Arrays["buffer.positions"].Ints().CopyTo(_positions, 0);
        state.Arrays["buffer.sequences"].Ints().CopyTo(_sequences, 0);
        state.Arrays["buffer.activations"].Floats().CopyTo(_activations, 0);
    }

    /// <inheritdoc />
    public void Dispose() => _open?.Dispose();
}
