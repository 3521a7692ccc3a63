using System.Buffers.Binary;
using System.Globalization;
using Interp.Explainers;
using Interp.Sae.IO;

namespace Interp.Sae.Store;

/// <summary>
/// Streams activations into a store folder: fixed-size shards (<c>shard-00000.bin</c>, ...), each written to a
/// temporary file and renamed into place, then recorded in <c>manifest.json</c>. Memory holds one shard at most.
/// Re-opening a folder resumes it: completed shards are kept, the caller skips <see cref="RowsCommitted"/> rows of
/// its (deterministic) source, and anything not in the manifest is rewritten.
/// </summary>
public sealed class ActivationStoreWriter
{
    private readonly string _directory;
    private readonly byte[] _shard;
    private readonly ActivationShardHeader _template;
    private ActivationStoreManifest _manifest;
    private int _pending;

    private ActivationStoreWriter(string directory, ActivationStoreManifest manifest)
    {
        _directory = directory;
        _manifest = manifest;
        _template = new ActivationShardHeader(manifest.DModel, 0, manifest.HookName);
        _shard = new byte[(long)manifest.ShardRows * _template.RecordBytes];
    }

    /// <summary>Rows in completed shards (skip these in the source when resuming).</summary>
    public long RowsCommitted => _manifest.Rows;

    /// <summary>True when the store was completed.</summary>
    public bool IsComplete => _manifest.Complete;

    /// <summary>The current manifest.</summary>
    public ActivationStoreManifest Manifest => _manifest;

    /// <summary>Creates a store in <paramref name="directory"/> or resumes the one there.</summary>
    /// <param name="directory">The store folder.</param>
    /// <param name="hookName">The hook point.</param>
    /// <param name="dModel">Activation width.</param>
    /// <param name="sourceFingerprint">The source's fingerprint.</param>
    /// <param name="shardRows">Records per shard (bounds memory: shardRows · (12 + 4·d_model) bytes).</param>
    /// <exception cref="InterpException">The folder holds a store of another hook, width, source or shard size.</exception>
    public static ActivationStoreWriter Open(string directory, string hookName, int dModel, string sourceFingerprint, int shardRows = 65536)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dModel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardRows);
        Directory.CreateDirectory(directory);
        foreach (var temp in Directory.EnumerateFiles(directory, "*.tmp")) File.Delete(temp);
        var existing = ActivationStoreManifest.TryLoad(directory);
        if (existing is null)
        {
            var fresh = new ActivationStoreManifest { HookName = hookName, DModel = dModel, ShardRows = shardRows, Source = sourceFingerprint };
            fresh.Save(directory);
            return new ActivationStoreWriter(directory, fresh);
        }

        var mismatch = new List<string>();
        if (existing.HookName != hookName) mismatch.Add($"hook '{existing.HookName}' vs '{hookName}'");
        if (existing.DModel != dModel) mismatch.Add($"d_model {existing.DModel} vs {dModel}");
        if (existing.Source != sourceFingerprint) mismatch.Add($"source '{existing.Source}' vs '{sourceFingerprint}'");
        if (existing.ShardRows != shardRows) mismatch.Add($"shard rows {existing.ShardRows} vs {shardRows}");
        if (mismatch.Count > 0) throw new InterpException($"Activation store '{directory}' was collected differently and cannot be resumed: {string.Join("; ", mismatch)}. Use a new folder.") { IsConfigurationError = true };
        return new ActivationStoreWriter(directory, existing);
    }

    /// <summary>Appends rows; full shards are committed as they fill.</summary>
    /// <param name="batch">The rows.</param>
    public void Append(ActivationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        if (_manifest.Complete) throw new InvalidOperationException("The store is complete.");
        if (batch.DModel != _manifest.DModel) throw new InterpException($"A batch of d_model {batch.DModel} cannot go into store '{_directory}' of d_model {_manifest.DModel}.");
        int record = _template.RecordBytes;
        for (int r = 0; r < batch.Count; r++)
        {
            var span = _shard.AsSpan(_pending * record, record);
            BinaryPrimitives.WriteInt32LittleEndian(span, batch.TokenIds[r]);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], batch.Positions[r]);
            BinaryPrimitives.WriteInt32LittleEndian(span[8..], batch.SequenceIds[r]);
            var values = batch.Activations.AsSpan(r * batch.DModel, batch.DModel);
            for (int j = 0; j < values.Length; j++) BinaryPrimitives.WriteSingleLittleEndian(span[(12 + 4 * j)..], values[j]);
            if (++_pending == _manifest.ShardRows) Commit(complete: false);
        }
    }

    /// <summary>Commits the last partial shard and marks the store complete.</summary>
    public void Complete()
    {
        if (_manifest.Complete) return;
        Commit(complete: true);
    }

    /// <summary>
    /// Collects <paramref name="source"/> into <paramref name="directory"/>, resuming a partial store there (rows already
    /// committed are skipped in the source).
    /// </summary>
    /// <param name="source">The activations.</param>
    /// <param name="directory">The store folder.</param>
    /// <param name="shardRows">Records per shard.</param>
    /// <param name="progress">Rows committed so far.</param>
    /// <param name="cancellationToken">Stops between batches (committed shards stay valid).</param>
    public static ActivationStoreManifest Collect(IActivationSource source, string directory, int shardRows = 65536, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var writer = Open(directory, source.HookName, source.DModel, source.Fingerprint, shardRows);
        if (writer.IsComplete) return writer.Manifest;
        long skip = writer.RowsCommitted;
        foreach (var batch in source.ReadBatches(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (skip >= batch.Count)
            {
                skip -= batch.Count;
                continue;
            }

            writer.Append(skip > 0 ? batch.Skip((int)skip) : batch);
            skip = 0;
            progress?.Report(writer.RowsCommitted);
        }

        writer.Complete();
        progress?.Report(writer.RowsCommitted);
        return writer.Manifest;
    }

    private void Commit(bool complete)
    {
        var shards = _manifest.Shards.ToList();
        if (_pending > 0)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"shard-{shards.Count:D5}.bin");
            var header = _template with { Count = _pending };
            int bytes = _pending * header.RecordBytes;
            AtomicFile.Write(Path.Combine(_directory, name), s =>
            {
                s.Write(header.ToBytes());
                s.Write(_shard, 0, bytes);
            });
            shards.Add(new ActivationShardEntry(name, _pending));
        }

        _manifest = _manifest with { Shards = shards, Rows = _manifest.Rows + _pending, Complete = complete };
        _manifest.Save(_directory);
        _pending = 0;
    }
}
