using System.CommandLine;
using System.Globalization;
using Interp.Explainers;
using Interp.Sae;
using Interp.Sae.Architectures;
using Interp.Sae.Collection;
using Interp.Sae.Evaluation;
using Interp.Sae.Store;
using Interp.Transformers.Models;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp sae eval</c>: SAELens metrics of a saved SAE. Reconstruction metrics on a store (<c>--store</c>) or on the
/// held-out text's activations; with <c>--model</c> and <c>--text</c> also ce_loss_score and kl_div_score (the SAE spliced
/// in at its hook, against the clean run and zero ablation).
/// </summary>
internal static class SaeEval
{
    public static Command Create()
    {
        var saeFile = new Option<FileInfo>("--sae") { Description = "A saved SAE (safetensors).", Required = true };
        var store = new Option<DirectoryInfo?>("--store") { Description = "Activation store folder (reconstruction metrics); default: the held-out text's activations." };
        var batches = new Option<int>("--batches") { DefaultValueFactory = _ => 10, Description = "Store batches of 4096 activations." };
        var model = new Option<string?>("--model") { Description = "The hooked transformer the SAE was trained on (for ce_loss_score, kl_div_score)." };
        var tokenizer = new Option<FileInfo?>("--tokenizer") { Description = "llama2.c tokenizer file." };
        var text = new Option<FileInfo?>("--text") { Description = "Held-out text, one document per line." };
        var context = new Option<int>("--context") { DefaultValueFactory = _ => 128, Description = "Tokens per held-out window." };
        var windows = new Option<int>("--windows") { DefaultValueFactory = _ => 32, Description = "Held-out windows evaluated." };
        var skip = new Option<long>("--skip-windows") { DefaultValueFactory = _ => 0, Description = "Windows skipped at the start of --text (e.g. the training part)." };
        var command = new Command("eval", "SAELens metrics of an SAE: l0, mse, explained_variance, dead/dense features, density histogram; ce_loss_score and kl_div_score with --model and --text.")
        {
            saeFile, store, batches, model, tokenizer, text, context, windows, skip,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            SaeCommand.UseThreads(parse);
            using var sae = SaeArchitectureRegistry.CreateDefault().Load(parse.GetValue(saeFile)!.FullName);
            var modelPath = parse.GetValue(model);
            var textFile = parse.GetValue(text);
            if ((modelPath is null) != (textFile is null)) throw new InterpException("ce_loss_score needs both --model and --text.") { IsConfigurationError = true };
            if (modelPath is null && parse.GetValue(store) is null) throw new InterpException("Give --store, or --model with --text.") { IsConfigurationError = true };
            HookedTransformerModel? m = modelPath is null ? null : TransformerModelLoader.LoadModel(modelPath, parse.GetValue(tokenizer)?.FullName);
            using (m)
            {
                List<int[]>? held = null;
                if (m is not null)
                {
                    var tok = m.Tokenizer ?? throw new InterpException($"'{modelPath}' has no tokenizer for --text.") { IsConfigurationError = true };
                    held = TextCorpus.Windows(tok, textFile!.FullName, Math.Min(parse.GetValue(context), m.Transformer.Config.NCtx), parse.GetValue(skip)).Take(parse.GetValue(windows)).ToList();
                    if (held.Count == 0) throw new InterpException($"'{textFile.FullName}' yields no held-out window of {parse.GetValue(context)} tokens.") { IsConfigurationError = true };
                }

                SaeMetrics metrics;
                if (parse.GetValue(store) is { } dir)
                {
                    using var reader = new ActivationStoreReader(dir.FullName, 4096, 0);
                    metrics = SaeEvaluator.Evaluate(sae, reader, parse.GetValue(batches), 4096);
                }
                else
                {
                    var source = new TransformerActivationSource(m!, sae.Config.HookName, () => held!, "held-out", held![0].Length);
                    metrics = SaeEvaluator.Evaluate(sae, Tensors(source));
                }

                foreach (var (name, value) in metrics.ToDictionary()) await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name} {value:G6}")).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"log10 feature density histogram [{metrics.DensityHistogram.Min:G3}, {metrics.DensityHistogram.Max:G3}]: {string.Join(" ", metrics.DensityHistogram.Counts)}")).ConfigureAwait(false);
                if (m is not null)
                {
                    var splice = TransformerSplice.Evaluate(m, sae, held!);
                    foreach (var (name, value) in splice.ToDictionary()) await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name} {value:G6}")).ConfigureAwait(false);
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"({held!.Count} held-out windows of {held[0].Length} tokens)")).ConfigureAwait(false);
                }
            }

            return CliApp.Success;
        }));
        return command;
    }

    private static IEnumerable<TorchSharp.torch.Tensor> Tensors(IActivationSource source)
    {
        foreach (var b in source.ReadBatches()) yield return TorchSharp.torch.tensor(b.Activations, new long[] { b.Count, b.DModel });
    }
}
