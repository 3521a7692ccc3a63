using System.Diagnostics;
using Interp.Backends.TorchSharp;
using Interp.Explainers;
using Interp.Sae.Architectures;
using Interp.Sae.IO;

namespace Interp.Sae.Training;

/// <summary>
/// The training loop (SAELens' <c>SAETrainer</c>): Adam with learning-rate warm-up/decay, sparsity-coefficient
/// warm-up, decoder bias from the data, dead-feature tracking, progress with ETA, and a checkpoint every N steps.
/// When <see cref="SaeTrainingOptions.CheckpointPath"/> exists the run resumes from it; with a fixed
/// <see cref="TorchRuntime.Threads"/> the resumed run ends with the same bits as an uninterrupted one.
/// </summary>
public sealed class SaeTrainer
{
    private readonly SaeArchitectureRegistry _registry;

    /// <summary>Creates a trainer over the registered architectures.</summary>
    /// <param name="registry">The architectures.</param>
    public SaeTrainer(SaeArchitectureRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>Wraps the checkpoint output stream (tests inject write failures).</summary>
    internal Func<Stream, Stream>? CheckpointStreamDecorator { get; set; }

    /// <summary>Trains (or resumes) an SAE.</summary>
    /// <param name="config">The SAE config (its architecture must be registered; d_in = the source's width).</param>
    /// <param name="options">Training options.</param>
    /// <param name="source">Training batches.</param>
    /// <param name="progress">Progress reports (called on the training thread).</param>
    /// <param name="cancellationToken">Stops before the next step (the last checkpoint stays valid).</param>
    /// <exception cref="InterpException">Unknown architecture, another width, or a checkpoint that does not match this run.</exception>
    public SaeTrainingResult Train(SaeConfig config, SaeTrainingOptions options, ITrainingBatchSource source, IProgress<SaeTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        Validate(config, options, source, out var architecture);
        TorchRuntime.ApplyThreads();

        var sae = architecture.CreateTraining(config, options, SaeRandom.ForStream(options.Seed, "init"));
        var adam = new SaeAdam(sae.Parameters, options.AdamBeta1, options.AdamBeta2, options.AdamEpsilon);
        var stepsSinceFired = zeros(config.DSae, ScalarType.Int64);
        int start = 0;
        int? resumedFrom = null;
        try
        {
            if (options.CheckpointPath is { } path && File.Exists(path))
            {
                var data = SaeCheckpoint.Read(path);
                CheckResumable(path, data, config, options, source);
                foreach (var (name, p) in sae.Parameters) TensorArrays.CopyInto(p, data.Arrays["param." + name]);
                adam.Restore(data.Arrays, data.AdamSteps);
                TensorArrays.CopyInto(stepsSinceFired, data.Arrays["dead.steps_since_fired"]);
                source.RestoreState(data.Source);
                start = data.Step;
                resumedFrom = start;
            }
            else
            {
                using var scope = NewDisposeScope();
                var sample = tensor(source.NextBatch(options.BatchSize), [options.BatchSize, config.DIn]);
                sae.InitializeDecoderBias(DecoderBiasInit.For(options.DecoderBiasInit, sample));
            }

            var last = Loop(sae, adam, stepsSinceFired, config, options, source, start, progress, cancellationToken);
            return new SaeTrainingResult(sae, last, resumedFrom);
        }
        catch
        {
            sae.Dispose();
            throw;
        }
        finally
        {
            adam.Dispose();
            stepsSinceFired.Dispose();
        }
    }

    private SaeTrainingProgress Loop(TrainingSparseAutoencoder sae, SaeAdam adam, Tensor stepsSinceFired, SaeConfig config, SaeTrainingOptions options, ITrainingBatchSource source, int start, IProgress<SaeTrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var names = sae.Parameters.Keys.Order(StringComparer.Ordinal).ToList();
        var parameters = names.Select(n => sae.Parameters[n]).ToList();
        var clock = Stopwatch.StartNew();
        SaeTrainingProgress? last = null;
        for (int step = start; step < options.TotalSteps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var x = tensor(source.NextBatch(options.BatchSize), [options.BatchSize, config.DIn]);
            var dead = stepsSinceFired.ge(options.DeadFeatureWindow);
            double lr = SaeSchedules.LearningRate(options, step);
            var context = new TrainingStepContext(step, SaeSchedules.SparsityCoefficient(options, step), dead, options);
            var output = sae.Forward(x, context);
            var grads = autograd.grad([output.Loss], parameters, allow_unused: true);
            var gradients = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            for (int i = 0; i < names.Count; i++) gradients[names[i]] = grads[i] is { IsInvalid: false } g ? g : zeros_like(parameters[i]);
            sae.BeforeOptimizerStep(gradients);
            adam.Step(sae.Parameters, gradients, lr);
            sae.AfterOptimizerStep();
            stepsSinceFired.add_(1).masked_fill_(output.Fired, 0);

            int done = step + 1;
            if (options.CheckpointEvery > 0 && done % options.CheckpointEvery == 0 && done < options.TotalSteps)
            {
                WriteCheckpoint(options.CheckpointPath!, sae, adam, stepsSinceFired, config, options, source, done);
            }

            if (done == options.TotalSteps || (options.ProgressEvery > 0 && done % options.ProgressEvery == 0))
            {
                last = Report(output, dead, lr, done, start, options, clock.Elapsed);
                progress?.Report(last);
            }
        }

        return last ?? new SaeTrainingProgress(options.TotalSteps, options.TotalSteps, double.NaN, new Dictionary<string, double>(), double.NaN, 0, 0, clock.Elapsed, TimeSpan.Zero, 0);
    }

    private static SaeTrainingProgress Report(TrainStepOutput output, Tensor dead, double lr, int done, int start, SaeTrainingOptions options, TimeSpan elapsed)
    {
        int stepsHere = done - start;
        double perStep = elapsed.TotalSeconds / Math.Max(1, stepsHere);
        var losses = output.Losses.ToDictionary(p => p.Key, p => p.Value.item<float>() + 0.0, StringComparer.Ordinal);
        return new SaeTrainingProgress(done, options.TotalSteps, output.Loss.item<float>(), losses, output.L0,
            (int)dead.sum().item<long>(), lr, elapsed, TimeSpan.FromSeconds(perStep * (options.TotalSteps - done)),
            elapsed.TotalSeconds > 0 ? stepsHere * (double)options.BatchSize / elapsed.TotalSeconds : 0);
    }

    private void WriteCheckpoint(string path, TrainingSparseAutoencoder sae, SaeAdam adam, Tensor stepsSinceFired, SaeConfig config, SaeTrainingOptions options, ITrainingBatchSource source, int step)
    {
        var arrays = adam.SaveArrays();
        foreach (var (name, p) in sae.Parameters) arrays["param." + name] = TensorArrays.ToArray(p);
        arrays["dead.steps_since_fired"] = TensorArrays.ToArray(stepsSinceFired);
        var data = new SaeCheckpointData(config, options.ResultFingerprint(), source.Fingerprint, step, adam.StepCount, arrays, source.SaveState());
        SaeCheckpoint.Write(path, data, CheckpointStreamDecorator);
    }

    private void Validate(SaeConfig config, SaeTrainingOptions options, ITrainingBatchSource source, out ISaeArchitecture architecture)
    {
        try
        {
            options.Validate();
            architecture = _registry.Get(config.Architecture);
            architecture.Validate(config);
        }
        catch (ArgumentException ex)
        {
            throw new InterpException("Invalid SAE training setup: " + ex.Message, ex) { IsConfigurationError = true };
        }

        if (source.DModel != config.DIn)
        {
            throw new InterpException($"The batch source has width {source.DModel}, the SAE's d_in is {config.DIn}.") { IsConfigurationError = true };
        }
    }

    private static void CheckResumable(string path, SaeCheckpointData data, SaeConfig config, SaeTrainingOptions options, ITrainingBatchSource source)
    {
        if (data.Config.Architecture != config.Architecture)
        {
            throw new InterpException($"Checkpoint '{path}' holds a '{data.Config.Architecture}' SAE; this run trains '{config.Architecture}'. Use another CheckpointPath or the same architecture.") { IsConfigurationError = true };
        }

        if (data.Config.ToJson() != config.ToJson())
        {
            throw new InterpException($"Checkpoint '{path}' was written for SAE config {data.Config.ToJson()}; this run has {config.ToJson()}. Resuming would silently change the result.") { IsConfigurationError = true };
        }

        var saved = ParseFingerprint(data.OptionsFingerprint);
        var now = ParseFingerprint(options.ResultFingerprint());
        var changed = now.Where(p => !saved.TryGetValue(p.Key, out var v) || v != p.Value)
            .Select(p => $"{p.Key} (checkpoint {saved.GetValueOrDefault(p.Key, "absent")}, now {p.Value})").ToList();
        if (changed.Count > 0)
        {
            throw new InterpException($"Checkpoint '{path}' was written with other training options, and resuming would silently change the result: {string.Join("; ", changed)}.") { IsConfigurationError = true };
        }

        if (data.SourceFingerprint != source.Fingerprint)
        {
            throw new InterpException($"Checkpoint '{path}' was trained on other data ({data.SourceFingerprint}); this run reads {source.Fingerprint}.") { IsConfigurationError = true };
        }
    }

    private static Dictionary<string, string> ParseFingerprint(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
}
