using Interp.Explainers;
using Interp.Sae.Store;
using Xunit;

namespace Interp.Tests.Sae;

/// <summary>The on-disk activation store: round trip, shuffling without loss, resumable collection, bad shards.</summary>
public sealed class ActivationStoreTests
{
    [Fact]
    public void EveryCollectedRowIsReadBackOncePerEpochWithItsTokenAndPosition()
    {
        var dir = SaeTestKit.TempDir("roundtrip");
        var manifest = ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(25, 16, 8), dir, shardRows: 64);
        Assert.True(manifest.Complete);
        Assert.Equal(400, manifest.Rows);
        Assert.Equal(7, manifest.Shards.Count);               // 6 full shards of 64 + one of 16
        Assert.Equal(16, manifest.Shards[^1].Rows);

        using var reader = new ActivationStoreReader(dir, bufferRows: 50, seed: 1);
        var seen = new List<(int Seq, int Pos)>();
        int inOrder = 0;
        for (int b = 0; b < 10; b++)
        {
            var batch = reader.NextActivationBatch(40);
            for (int r = 0; r < batch.Count; r++)
            {
                int s = batch.SequenceIds[r], p = batch.Positions[r];
                Assert.Equal((s * 31 + p) % 512, batch.TokenIds[r]);
                for (int j = 0; j < 8; j++) Assert.Equal(SaeTestKit.FakeSource.Value(s, p, j), batch.Activations[r * 8 + j]);
                if (seen.Count > 0 && seen[^1] == (s, p - 1)) inOrder++;
                seen.Add((s, p));
            }
        }

        // Rows drawn + rows still in the shuffle buffer = rows read from disk = one full epoch (400 rows) + a prefix of the
        // next: every row at least once, none more than twice (the buffer never loses or duplicates a row in an epoch).
        var state = reader.SaveState();
        var buffered = state.Arrays["buffer.sequences"].Ints().Zip(state.Arrays["buffer.positions"].Ints());
        var counts = seen.Concat(buffered).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(400, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 1, 2));
        Assert.InRange(buffered.Count(), 0, 50);
        // ... and the order is shuffled (consecutive positions of one sequence rarely follow each other).
        Assert.True(inOrder < 40, $"{inOrder} of 400 rows followed their predecessor");
    }

    [Fact]
    public void InterruptedCollectionResumesToTheSameFilesAsAnUninterruptedOne()
    {
        var whole = SaeTestKit.TempDir("whole");
        ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(20, 10, 4), whole, shardRows: 32);

        var partial = SaeTestKit.TempDir("partial");
        using var cts = new CancellationTokenSource();
        var source = new SaeTestKit.FakeSource(20, 10, 4);
        var progress = new CancelAfter(64, cts);
        Assert.ThrowsAny<OperationCanceledException>(() => ActivationStoreWriter.Collect(source, partial, 32, progress, cts.Token));
        var half = ActivationStoreManifest.TryLoad(partial)!;
        Assert.False(half.Complete);
        Assert.Equal(64, half.Rows);                           // two shards committed; the rows of the third were lost with the process
        File.WriteAllBytes(Path.Combine(partial, "shard-00002.bin.tmp"), [1, 2, 3]);   // a crash mid-write leaves a temp file

        var resumed = ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(20, 10, 4), partial, 32);
        Assert.True(resumed.Complete);
        Assert.Empty(Directory.EnumerateFiles(partial, "*.tmp"));
        foreach (var file in Directory.EnumerateFiles(whole).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, file!)), File.ReadAllBytes(Path.Combine(partial, file!)));
        }
    }

    [Fact]
    public void ResumingWithAnotherSourceIsRefused()
    {
        var dir = SaeTestKit.TempDir("other-source");
        ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(3, 10, 4), dir, shardRows: 8);
        var ex = Assert.Throws<InterpException>(() => ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(3, 10, 6), dir, shardRows: 8));
        Assert.Contains("d_model 4 vs 6", ex.Message);
    }

    [Fact]
    public void TruncatedShardIsAnErrorNamingTheFile()
    {
        var dir = SaeTestKit.TempDir("truncated");
        ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(10, 10, 4), dir, shardRows: 32);
        var shard = Path.Combine(dir, "shard-00001.bin");
        var bytes = File.ReadAllBytes(shard);
        File.WriteAllBytes(shard, bytes.AsSpan(0, bytes.Length - 7).ToArray());
        var ex = Assert.Throws<InterpException>(() => new ActivationStoreReader(dir, 64, 1));
        Assert.Contains(shard, ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void ShardOfAnotherDModelIsAnErrorNamingTheFile()
    {
        var dir = SaeTestKit.TempDir("dmodel");
        ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(10, 10, 4), dir, shardRows: 32);
        var other = SaeTestKit.TempDir("dmodel-other");
        ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(10, 10, 6), other, shardRows: 32);
        var shard = Path.Combine(dir, "shard-00000.bin");
        File.Copy(Path.Combine(other, "shard-00000.bin"), shard, overwrite: true);
        var ex = Assert.Throws<InterpException>(() => new ActivationStoreReader(dir, 64, 1));
        Assert.Contains(shard, ex.Message);
        Assert.Contains("d_model 6", ex.Message);
        Assert.Contains("d_model 4", ex.Message);
    }

    [Fact]
    public void IncompleteStoreIsRefusedForTraining()
    {
        var dir = SaeTestKit.TempDir("incomplete");
        var writer = ActivationStoreWriter.Open(dir, "h", 4, "src", 8);
        writer.Append(new SaeTestKit.FakeSource(2, 10, 4).ReadBatches().First());
        var ex = Assert.Throws<InterpException>(() => new ActivationStoreReader(dir, 16, 1));
        Assert.Contains("incomplete", ex.Message);
    }

    private sealed class CancelAfter(long rows, CancellationTokenSource cts) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= rows) cts.Cancel();
        }
    }
}
