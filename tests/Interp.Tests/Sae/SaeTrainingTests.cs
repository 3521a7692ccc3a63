using Interp.Explainers;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.IO;
using Interp.Sae.Store;
using Interp.Sae.Toy;
using Interp.Sae.Training;
using Xunit;

namespace Interp.Tests.Sae;

/// <summary>Exact resume, atomic checkpoints, and the errors for checkpoints that do not match the run.</summary>
public sealed class SaeTrainingTests
{
    private static readonly SaeConfig TopK = new("topk", 16, 48) { K = 4 };

    private static SaeTrainingOptions Options(string checkpoint, int steps = 24) => new()
    {
        TotalSteps = steps, BatchSize = 64, LearningRate = 3e-3, LrWarmUpSteps = 4, LrDecaySteps = 6, SparsityWarmUpSteps = 5,
        Seed = 7, DeadFeatureWindow = 3, CheckpointEvery = 5, CheckpointPath = checkpoint, ProgressEvery = 1,
    };

    /// <summary>Cancels the run when it reports <paramref name="step"/>, as a kill between checkpoints would stop it.</summary>
    private sealed class StopAt(int step, CancellationTokenSource cts) : IProgress<SaeTrainingProgress>
    {
        public List<SaeTrainingProgress> Reports { get; } = [];

        public void Report(SaeTrainingProgress value)
        {
            Reports.Add(value);
            if (value.Step == step) cts.Cancel();
        }
    }

    public static TheoryData<string> Architectures => new() { "topk", "standard", "jumprelu", "gated" };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void StoppingAndResumingGivesBitIdenticalWeights(string architecture)
    {
        var config = TopK with { Architecture = architecture, K = architecture == "topk" ? 4 : 0 };
        var trainer = new SaeTrainer(SaeArchitectureRegistry.CreateDefault());
        var dir = SaeTestKit.TempDir("resume");

        using var straight = trainer.Train(config, Options(Path.Combine(dir, "a.ckpt")), new SuperpositionData(40, 16, 0.05, 3)).Sae;

        var checkpoint = Path.Combine(dir, "b.ckpt");
        using var cts = new CancellationTokenSource();
        var stop = new StopAt(13, cts);
        Assert.Throws<OperationCanceledException>(() => trainer.Train(config, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3), stop, cts.Token));
        Assert.Equal(10, SaeCheckpoint.Read(checkpoint).Step);

        var resumed = trainer.Train(config, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3));
        using var resumedSae = resumed.Sae;
        Assert.Equal(10, resumed.ResumedFromStep);
        var a = SaeTestKit.Bytes(straight);
        var b = SaeTestKit.Bytes(resumedSae);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var name in a.Keys) Assert.True(a[name].AsSpan().SequenceEqual(b[name]), $"{architecture}: parameter {name} differs after resume");
    }

    [Fact]
    public void ResumingFromAStoreRestoresTheShuffleBufferExactly()
    {
        var dir = SaeTestKit.TempDir("store-resume");
        var store = Path.Combine(dir, "store");
        ActivationStoreWriter.Collect(new SaeTestKit.FakeSource(30, 20, 16), store, shardRows: 128);
        var trainer = new SaeTrainer(SaeArchitectureRegistry.CreateDefault());

        using (var reader = new ActivationStoreReader(store, 200, 5))
        using (var straight = trainer.Train(TopK, Options(Path.Combine(dir, "a.ckpt")), reader).Sae)
        {
            var checkpoint = Path.Combine(dir, "b.ckpt");
            using var cts = new CancellationTokenSource();
            using (var first = new ActivationStoreReader(store, 200, 5))
            {
                Assert.Throws<OperationCanceledException>(() => trainer.Train(TopK, Options(checkpoint), first, new StopAt(17, cts), cts.Token));
            }

            using var second = new ActivationStoreReader(store, 200, 5);
            using var resumed = trainer.Train(TopK, Options(checkpoint), second).Sae;
            var a = SaeTestKit.Bytes(straight);
            var b = SaeTestKit.Bytes(resumed);
            foreach (var name in a.Keys) Assert.True(a[name].AsSpan().SequenceEqual(b[name]), $"parameter {name} differs after resume");
        }
    }

    [Fact]
    public void InterruptedCheckpointWriteLeavesThePreviousCheckpointIntact()
    {
        var dir = SaeTestKit.TempDir("atomic");
        var checkpoint = Path.Combine(dir, "run.ckpt");
        var trainer = new SaeTrainer(SaeArchitectureRegistry.CreateDefault());
        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => trainer.Train(TopK, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3), new StopAt(7, cts), cts.Token));
        var before = File.ReadAllBytes(checkpoint);
        Assert.Equal(5, SaeCheckpoint.Read(checkpoint).Step);

        // The next checkpoint (step 10) dies half-way through writing.
        trainer.CheckpointStreamDecorator = s => new FailingStream(s, failAfter: before.Length / 2);
        var ex = Assert.Throws<IOException>(() => trainer.Train(TopK, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3)));
        Assert.Contains("simulated", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
        Assert.False(File.Exists(AtomicFile.TempPath(checkpoint)));

        // A crash can also leave a half-written temporary file behind: it is ignored and replaced.
        File.WriteAllBytes(AtomicFile.TempPath(checkpoint), before.AsSpan(0, 100).ToArray());
        trainer.CheckpointStreamDecorator = null;
        using var sae = trainer.Train(TopK, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3)).Sae;
        Assert.Equal(20, SaeCheckpoint.Read(checkpoint).Step);
    }

    [Fact]
    public void TruncatedCheckpointIsAClearError()
    {
        var dir = SaeTestKit.TempDir("truncated-ckpt");
        var checkpoint = Path.Combine(dir, "run.ckpt");
        var trainer = new SaeTrainer(SaeArchitectureRegistry.CreateDefault());
        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => trainer.Train(TopK, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3), new StopAt(7, cts), cts.Token));
        var bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes.AsSpan(0, bytes.Length - 100).ToArray());
        var ex = Assert.Throws<InterpException>(() => trainer.Train(TopK, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3)));
        Assert.Contains(checkpoint, ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void ResumingWithChangedOptionsOrAnotherArchitectureIsAnError()
    {
        var dir = SaeTestKit.TempDir("mismatch");
        var checkpoint = Path.Combine(dir, "run.ckpt");
        var trainer = new SaeTrainer(SaeArchitectureRegistry.CreateDefault());
        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => trainer.Train(TopK, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3), new StopAt(7, cts), cts.Token));

        var lr = Assert.Throws<InterpException>(() => trainer.Train(TopK, Options(checkpoint) with { LearningRate = 1e-3 }, new SuperpositionData(40, 16, 0.05, 3)));
        Assert.Contains("LearningRate (checkpoint 0.003, now 0.001)", lr.Message);
        Assert.Contains(checkpoint, lr.Message);

        var arch = Assert.Throws<InterpException>(() => trainer.Train(TopK with { Architecture = "standard", K = 0 }, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3)));
        Assert.Contains("'topk'", arch.Message);
        Assert.Contains("'standard'", arch.Message);

        var data = Assert.Throws<InterpException>(() => trainer.Train(TopK, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 4)));
        Assert.Contains("other data", data.Message);

        var k = Assert.Throws<InterpException>(() => trainer.Train(TopK with { K = 5 }, Options(checkpoint), new SuperpositionData(40, 16, 0.05, 3)));
        Assert.Contains("config", k.Message);

        // Options that do not change the result may change.
        using var ok = trainer.Train(TopK, Options(checkpoint) with { CheckpointEvery = 7, ProgressEvery = 3 }, new SuperpositionData(40, 16, 0.05, 3)).Sae;
    }

    [Fact]
    public void ProgressReportsEtaAndSchedules()
    {
        var reports = new List<SaeTrainingProgress>();
        var options = Options(Path.Combine(SaeTestKit.TempDir("progress"), "p.ckpt"), steps: 20) with { CheckpointEvery = 0, CheckpointPath = null };
        using var sae = new SaeTrainer(SaeArchitectureRegistry.CreateDefault()).Train(TopK, options, new SuperpositionData(40, 16, 0.05, 3), new Collect(reports)).Sae;
        Assert.Equal(Enumerable.Range(1, 20), reports.Select(r => r.Step));
        Assert.Equal(TimeSpan.Zero, reports[^1].Eta);
        Assert.All(reports.Take(19), r => Assert.True(r.Eta > TimeSpan.Zero));
        // Warm-up 4 steps (lr · (s+1)/4), constant, decay over the last 6 (lr · (20 − s)/6).
        Assert.Equal(3e-3 / 4, reports[0].LearningRate, 12);
        Assert.Equal(3e-3, reports[10].LearningRate, 12);
        Assert.Equal(3e-3 / 6, reports[19].LearningRate, 12);
        Assert.Equal(0.2, SaeSchedules.SparsityCoefficient(options with { SparsityCoefficient = 1 }, 0), 12);
    }

    private sealed class Collect(List<SaeTrainingProgress> into) : IProgress<SaeTrainingProgress>
    {
        public void Report(SaeTrainingProgress value) => into.Add(value);
    }

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_written + count > failAfter) throw new IOException("simulated crash during the checkpoint write");
            inner.Write(buffer, offset, count);
            _written += count;
        }
    }
}
