using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Interp.Sae.Collection;
using Interp.Sae.Store;
using Interp.Transformers.Models;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp sae collect</c>: runs a hooked transformer over a text file and streams one hook point's activations into
/// an activation store; rerunning on the same folder resumes. Prints the store write throughput (tokens/s).
/// </summary>
internal static class SaeCollect
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "llama2.c checkpoint (.bin) or HuggingFace folder.", Required = true };
        var tokenizer = new Option<FileInfo?>("--tokenizer") { Description = "llama2.c tokenizer file (default: tok512.bin beside the checkpoint)." };
        var hook = new Option<string>("--hook") { Description = "Hook point, e.g. blocks.2.hook_resid_post.", Required = true };
        var text = new Option<FileInfo>("--text") { Description = "Text corpus, one document per line.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Activation store folder (resumed when it holds a partial store).", Required = true };
        var tokens = new Option<long>("--tokens") { Description = "Tokens (rows) to collect; 0 = the whole file.", DefaultValueFactory = _ => 1_000_000 };
        var context = new Option<int>("--context") { Description = "Tokens per window (≤ n_ctx).", DefaultValueFactory = _ => 256 };
        var batch = new Option<int>("--batch") { Description = "Windows per forward pass.", DefaultValueFactory = _ => 8 };
        var shardRows = new Option<int>("--shard-rows") { Description = "Rows per shard (memory bound while writing).", DefaultValueFactory = _ => 65536 };
        var command = new Command("collect", "Collect a hook point's activations of a hooked transformer over a text file into an activation store (resumable).")
        {
            model, tokenizer, hook, text, output, tokens, context, batch, shardRows,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            SaeCommand.UseThreads(parse);
            using var m = TransformerModelLoader.LoadModel(parse.GetValue(model)!, parse.GetValue(tokenizer)?.FullName);
            var source = new TransformerActivationSource(m, parse.GetValue(hook)!, parse.GetValue(text)!.FullName, parse.GetValue(context), parse.GetValue(tokens), parse.GetValue(batch));
            var dir = parse.GetValue(output)!.FullName;
            long before = ActivationStoreManifest.TryLoad(dir)?.Rows ?? 0;
            var clock = Stopwatch.StartNew();
            var manifest = await Task.Run(() => ActivationStoreWriter.Collect(source, dir, parse.GetValue(shardRows), null, ct), ct).ConfigureAwait(false);
            clock.Stop();
            long written = manifest.Rows - before;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{dir}: {manifest.Rows} rows of {manifest.HookName} (d_model {manifest.DModel}) in {manifest.Shards.Count} shard(s){(before > 0 ? $", resumed after {before}" : "")}\n" +
                $"store write throughput: {written / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} tokens/s ({written} tokens in {clock.Elapsed.TotalSeconds:F2} s, model forward included)")).ConfigureAwait(false);
            return CliApp.Success;
        }));
        return command;
    }
}
