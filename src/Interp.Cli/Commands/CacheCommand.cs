using System.CommandLine;
using System.Text.Json;
using Interp.Backends.TorchSharp.Hooks;
using Interp.Transformers;
using static TorchSharp.torch;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp cache --model &lt;ckpt|folder&gt; (--prompt text | --tokens ids) --hooks &lt;name or glob&gt; --out F</c>: runs
/// the model once and writes <c>{ "tokens": [...], "activations": { "&lt;hook&gt;": [pos][...] }, "logits": [pos][vocab] }</c>
/// (batch of one, squeezed; attention scores and patterns are [head][query][key]; the −∞ of masked attention
/// scores is written as null).
/// </summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var inputs = new TransformerInputs();
        var hooks = new Option<string[]>("--hooks") { Description = "Hook name or glob (repeatable), e.g. 'blocks.*.hook_resid_post' or '**' for all.", Required = true, AllowMultipleArgumentsPerToken = false };
        var output = new Option<FileInfo>("--out") { Description = "The JSON file to write (written atomically).", Required = true };
        var command = new Command("cache", "Run a hooked transformer once and write the cached activations and logits as JSON.") { hooks, output };
        inputs.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            using var host = await CliHost.StartAsync(null, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            using var model = inputs.LoadModel(host.Services, parse);
            var tokens = inputs.ReadTokens(model, parse, allowEmptyPrompt: true);
            var outFile = parse.GetValue(output)!.FullName;
            int count;
            lock (model.SyncRoot)
            {
                using var scope = NewDisposeScope();
                var (logits, cache) = model.Transformer.RunWithCache(tensor(tokens.Select(t => (long)t).ToArray()).unsqueeze(0), parse.GetValue(hooks)!);
                using (cache)
                {
                    Write(outFile, tokens, cache, logits);
                    count = cache.Names.Count;
                }
            }

            await Console.Out.WriteLineAsync($"cache: {count} activations for {tokens.Count} tokens, wrote {outFile}").ConfigureAwait(false);
            return CliApp.Success;
        }));
        return command;
    }

    private static void Write(string path, IReadOnlyList<int> tokens, ActivationCache cache, Tensor logits)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("tokens");
            foreach (var t in tokens) writer.WriteNumberValue(t);
            writer.WriteEndArray();
            writer.WriteStartObject("activations");
            foreach (var name in cache.Names)
            {
                writer.WritePropertyName(name);
                WriteTensor(writer, cache[name][0]);
            }

            writer.WriteEndObject();
            writer.WritePropertyName("logits");
            WriteTensor(writer, logits[0]);
            writer.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }

    private static void WriteTensor(Utf8JsonWriter writer, Tensor t)
    {
        using var cpu = t.detach().to(ScalarType.Float32).cpu().contiguous();
        var data = cpu.data<float>().ToArray();
        var shape = cpu.shape;
        int index = 0;
        void Write(int dim)
        {
            writer.WriteStartArray();
            for (long i = 0; i < shape[dim]; i++)
            {
                if (dim < shape.Length - 1) Write(dim + 1);
                else if (float.IsFinite(data[index])) writer.WriteNumberValue(data[index++]);
                else
                {
                    writer.WriteNullValue();
                    index++;
                }
            }

            writer.WriteEndArray();
        }

        if (shape.Length == 0) writer.WriteNumberValue(data[0]);
        else Write(0);
    }
}
