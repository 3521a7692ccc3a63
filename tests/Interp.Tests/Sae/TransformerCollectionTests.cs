using Interp.Explainers;
using Interp.Sae.Collection;
using Interp.Sae.Store;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Sae;

/// <summary>Collecting stories260K activations into a store: the rows are the model's, deterministic, and resumable byte for byte.</summary>
public sealed class TransformerCollectionTests : IDisposable
{
    private const string Hook = "blocks.2.hook_resid_post";
    private readonly StoriesKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void RowsAreTheHookActivationsOfBosPackedWindows()
    {
        var source = new TransformerActivationSource(_kit.Model, Hook, StoriesKit.Text, context: 32, maxTokens: 100, batchWindows: 2);
        var batches = source.ReadBatches().ToList();
        Assert.Equal(100, batches.Sum(b => b.Count));
        var first = batches[0];

        // Independent reference: the first line tokenized with BOS starts the stream; one forward pass of window 0.
        var firstLine = File.ReadLines(StoriesKit.Text).First(l => !string.IsNullOrWhiteSpace(l)).Trim();
        var doc = _kit.Model.Tokenizer!.Encode(firstLine, addBos: true);
        Assert.Equal(_kit.Model.Tokenizer.BosTokenId, first.TokenIds[0]);
        Assert.Equal(doc.Take(32), first.TokenIds.Take(32));
        Assert.Equal(Enumerable.Range(0, 32), first.Positions.Take(32));
        Assert.Equal(new[] { 0, 1 }, first.SequenceIds.Distinct());
        using (NewDisposeScope())
        {
            var (_, cache) = _kit.Model.Transformer.RunWithCache(tensor(first.TokenIds.Take(32).Select(t => (long)t).ToArray(), [1, 32]), Hook);
            using (cache)
            {
                var expected = cache[Hook][0].contiguous().data<float>().ToArray();
                Assert.Equal(64, source.DModel);
                for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], first.Activations[i], 5);
            }
        }
    }

    [Fact]
    public void CollectionIsDeterministicAndAnInterruptedOneResumesToTheSameBytes()
    {
        var whole = SaeTestKit.TempDir("collect-a");
        var resumed = SaeTestKit.TempDir("collect-b");
        try
        {
            ActivationStoreWriter.Collect(Source(), whole, shardRows: 128);
            using (var cts = new CancellationTokenSource())
            {
                var stop = new StopAfter(200, cts);
                Assert.ThrowsAny<OperationCanceledException>(() => ActivationStoreWriter.Collect(Source(), resumed, 128, stop, cts.Token));
            }

            var partial = ActivationStoreManifest.TryLoad(resumed)!;
            Assert.False(partial.Complete);
            Assert.True(partial.Rows is > 0 and < 400);
            var manifest = ActivationStoreWriter.Collect(Source(), resumed, shardRows: 128);
            Assert.True(manifest.Complete);
            Assert.Equal(400, manifest.Rows);
            foreach (var shard in manifest.Shards) Assert.Equal(File.ReadAllBytes(Path.Combine(whole, shard.File)), File.ReadAllBytes(Path.Combine(resumed, shard.File)));
        }
        finally
        {
            Directory.Delete(whole, true);
            Directory.Delete(resumed, true);
        }
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var ex = Assert.Throws<InterpException>(() => new TransformerActivationSource(_kit.Model, "blocks.9.hook_resid_post", StoriesKit.Text));
        Assert.Contains("blocks.9.hook_resid_post", ex.Message);
        Assert.Throws<InterpException>(() => new TransformerActivationSource(_kit.Model, Hook, StoriesKit.Text, context: 100_000));
        Assert.Throws<InterpException>(() => new TransformerActivationSource(_kit.Model, Hook, "/no/such/file.txt"));

        // A store collected at one hook is not resumed from another.
        var dir = SaeTestKit.TempDir("collect-other");
        try
        {
            ActivationStoreWriter.Collect(Source(), dir, shardRows: 128);
            var other = new TransformerActivationSource(_kit.Model, "blocks.0.mlp.hook_post", StoriesKit.Text, context: 32, maxTokens: 400, batchWindows: 2);
            var refused = Assert.Throws<InterpException>(() => ActivationStoreWriter.Collect(other, dir, shardRows: 128));
            Assert.Contains("d_model 64 vs", refused.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private TransformerActivationSource Source() => new(_kit.Model, Hook, StoriesKit.Text, context: 32, maxTokens: 400, batchWindows: 2);

    private sealed class StopAfter(long rows, CancellationTokenSource cts) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= rows) cts.Cancel();
        }
    }
}
