using System.CommandLine;
using System.Globalization;
using Interp.Backends.TorchSharp;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Evaluation;
using Interp.Sae.Store;
using Interp.Sae.Toy;
using Interp.Sae.Training;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp sae toy|collect|train|eval|features</c>: sparse autoencoders (Interp.Sae). <c>toy</c> runs the ground-truth
/// superposition benchmark; <c>collect</c> fills an activation store from a hooked transformer (<see cref="SaeCollect"/>);
/// <c>train</c> trains on a store (resuming from <c>--checkpoint</c>; options also from <c>Interp:Sae:Training</c> and
/// <c>--set</c>); <c>eval</c> prints SAELens metrics (<see cref="SaeEval"/>); <c>features</c> runs the SaeFeatures explainer.
/// </summary>
internal static class SaeCommand
{
    /// <summary>libtorch intra-op threads; a fixed count makes training bit-reproducible (and resumable bit for bit).</summary>
    private static readonly Option<int> Threads = new("--threads") { Description = "libtorch threads (fixed for bit-identical resume; 0 = libtorch's default).", DefaultValueFactory = _ => 1, Recursive = true };

    /// <summary>Applies <c>--threads</c>.</summary>
    internal static void UseThreads(ParseResult parse)
    {
        TorchRuntime.Threads = Math.Max(0, parse.GetValue(Threads));
        TorchRuntime.ApplyThreads();
    }

    public static Command Create()
    {
        var command = new Command("sae", "Sparse autoencoders: ground-truth benchmark, training and evaluation on an activation store.");
        command.Options.Add(Threads);
        command.Subcommands.Add(Toy());
        command.Subcommands.Add(Train());
        command.Subcommands.Add(SaeEval.Create());
        command.Subcommands.Add(SaeCollect.Create());
        command.Subcommands.Add(SaeFeaturesCommand.Create());
        return command;
    }

    private static Command Toy()
    {
        var features = new Option<int>("--features") { Description = "n, ground-truth features.", DefaultValueFactory = _ => 512 };
        var dims = new Option<int>("--dims") { Description = "d, dimensions (d < n).", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data and the SAE.", DefaultValueFactory = _ => 1 };
        var probability = new Option<double>("--probability") { Description = "Each feature's firing probability.", DefaultValueFactory = _ => 0.01 };
        var steps = new Option<int>("--steps") { Description = "Training steps (batches of 1024).", DefaultValueFactory = _ => 2000 };
        var command = new Command("toy", "Train a topk SAE on synthetic superposition data and print the mean max cosine similarity with the true features.") { features, dims, seed, probability, steps };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            UseThreads(parse);
            int n = parse.GetValue(features), d = parse.GetValue(dims);
            if (n <= 0 || d <= 0 || d >= n) throw new Explainers.InterpException($"Need 0 < --dims < --features (got d = {d}, n = {n}).") { IsConfigurationError = true };
            var data = new SuperpositionData(n, d, parse.GetValue(probability), parse.GetValue(seed));
            var (config, options) = ToyBenchmark.DefaultRecipe(n, d, parse.GetValue(probability), parse.GetValue(steps), parse.GetValue(seed));
            options = options with { ProgressEvery = Math.Max(1, options.TotalSteps / 10) };
            await Console.Out.WriteLineAsync($"superposition: n={n} features in d={d} dims, p={data.FeatureProbability}; SAE {config.Architecture} d_sae={config.DSae} k={config.K}, {options.TotalSteps} steps of {options.BatchSize}").ConfigureAwait(false);
            var result = await Task.Run(() => ToyBenchmark.Run(data, config, options, progress: new ProgressLines(), cancellationToken: ct), ct).ConfigureAwait(false);
            using var sae = result.Sae;
            var metrics = SaeEvaluator.Evaluate(sae, data, 8, 1024);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"mean max cosine similarity: {result.MeanMaxCosineSimilarity:F4} (target ≥ 0.9)\nl0 {metrics.L0:F2}  mse {metrics.Mse:G4}  explained_variance {metrics.ExplainedVariance:F4}  dead_features {metrics.DeadFeatures}  dense_features {metrics.DenseFeatures}")).ConfigureAwait(false);
            return result.MeanMaxCosineSimilarity >= 0.9 ? CliApp.Success : CliApp.RuntimeFailure;
        }));
        return command;
    }

    private static Command Train()
    {
        var store = new Option<DirectoryInfo>("--store") { Description = "Activation store folder (manifest.json + shards).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to save the trained SAE (safetensors).", Required = true };
        var architecture = new Option<string>("--architecture") { Description = "standard, topk, jumprelu, gated (or a plugin's).", DefaultValueFactory = _ => "topk" };
        var dSae = new Option<int>("--d-sae") { Description = "Features.", DefaultValueFactory = _ => 2048 };
        var k = new Option<int>("--k") { Description = "k of topk.", DefaultValueFactory = _ => 32 };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 1000, Description = "Training steps." };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 4096, Description = "Activations per step." };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 3e-4, Description = "Learning rate." };
        var sparsity = new Option<double>("--sparsity-coefficient") { DefaultValueFactory = _ => 1.0, Description = "l1_coefficient (standard, gated) or l0_coefficient (jumprelu)." };
        var buffer = new Option<int>("--buffer-rows") { DefaultValueFactory = _ => 65536, Description = "Shuffle buffer rows (bounds memory)." };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 42, Description = "Seed." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Checkpoint file: resumed from when it exists." };
        var every = new Option<int>("--checkpoint-every") { DefaultValueFactory = _ => 100, Description = "Steps between checkpoints." };
        var set = new Option<string[]>("--set") { Description = "SaeTrainingOptions property, Option=value (repeatable; over Interp:Sae:Training and the flags)." };
        var command = new Command("train", "Train an SAE on an activation store.") { store, output, architecture, dSae, k, steps, batch, lr, sparsity, buffer, seed, checkpoint, every, set };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            UseThreads(parse);
            using var reader = new ActivationStoreReader(parse.GetValue(store)!.FullName, parse.GetValue(buffer), parse.GetValue(seed));
            var config = new SaeConfig(parse.GetValue(architecture)!, reader.DModel, parse.GetValue(dSae)) { K = parse.GetValue(architecture) == "topk" ? parse.GetValue(k) : 0, HookName = reader.HookName };
            var ckpt = parse.GetValue(checkpoint);
            var options = new SaeTrainingOptions
            {
                TotalSteps = parse.GetValue(steps), BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(lr), SparsityCoefficient = parse.GetValue(sparsity),
                Seed = parse.GetValue(seed), CheckpointPath = ckpt?.FullName, CheckpointEvery = ckpt is null ? 0 : parse.GetValue(every),
                LrWarmUpSteps = Math.Min(1000, parse.GetValue(steps) / 20), LrDecaySteps = parse.GetValue(steps) / 5, SparsityWarmUpSteps = parse.GetValue(steps) / 20,
                ProgressEvery = Math.Max(1, parse.GetValue(steps) / 20),
            };
            options = SaeTrainingSettings.Apply(options, parse.GetValue(set) ?? []);
            var recorder = new SaeTrainingRecorder(new ProgressLines());
            var result = await Task.Run(() => new SaeTrainer(SaeArchitectureRegistry.CreateDefault()).Train(config, options, reader, recorder, ct), ct).ConfigureAwait(false);
            using var training = result.Sae;
            using var sae = training.ToInference();
            sae.Save(parse.GetValue(output)!.FullName);
            await Console.Out.WriteLineAsync($"saved {parse.GetValue(output)!.FullName}{(result.ResumedFromStep is int s ? $" (resumed from step {s})" : "")}").ConfigureAwait(false);

            // The curves as an envelope beside the SAE (render with: interp report <file>).
            var curves = Path.ChangeExtension(parse.GetValue(output)!.FullName, ".training.json");
            Core.Envelope.ExplanationFile.WriteAtomic(recorder.ToExplanation(config), curves, indented: true);
            await Console.Out.WriteLineAsync($"training curves: {curves}").ConfigureAwait(false);
            return CliApp.Success;
        }));
        return command;
    }

    private sealed class ProgressLines : IProgress<SaeTrainingProgress>
    {
        public void Report(SaeTrainingProgress p) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step}/{p.TotalSteps}  loss {p.Loss:G4}  l0 {p.L0:F2}  dead {p.DeadFeatures}  lr {p.LearningRate:G3}  {p.ActivationsPerSecond:F0} act/s  eta {p.Eta:hh\\:mm\\:ss}"));
    }
}
