using System.CommandLine;
using Interp.Transformers.Generation;
using Interp.Transformers.Tokenizers;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp generate --model &lt;ckpt|folder&gt; [--tokenizer file] (--prompt text | --tokens ids) [--steps N]
/// [--temperature T] [--top-p P] [--seed S]</c>: generates with llama2.c's sampler and prints the prompt and the continuation as run.c
/// does (the token ids when the model has no tokenizer). <c>--temperature 0</c> is greedy.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var inputs = new TransformerInputs();
        var steps = new Option<int>("--steps") { Description = "Positions to run, prompt included (capped at the context).", DefaultValueFactory = _ => 256 };
        var temperature = new Option<float>("--temperature") { Description = "0 = greedy; otherwise softmax(logits / T).", DefaultValueFactory = _ => 1.0f };
        var topP = new Option<float>("--top-p") { Description = "Nucleus sampling mass (≤ 0 or ≥ 1: plain sampling).", DefaultValueFactory = _ => 0.9f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of llama2.c's xorshift RNG.", DefaultValueFactory = _ => 42UL };
        var command = new Command("generate", "Generate text with a hooked transformer (llama2.c's sampler).") { steps, temperature, topP, seed };
        inputs.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            if (parse.GetValue(temperature) < 0) throw new Explainers.InterpException("--temperature must be ≥ 0.") { IsConfigurationError = true };
            if (parse.GetValue(seed) == 0 && parse.GetValue(temperature) > 0) throw new Explainers.InterpException("--seed must not be 0 (xorshift would stay at 0).") { IsConfigurationError = true };
            using var host = await CliHost.StartAsync(null, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            using var model = inputs.LoadModel(host.Services, parse);
            var prompt = inputs.ReadTokens(model, parse, allowEmptyPrompt: true);
            var options = new GenerationOptions { Steps = parse.GetValue(steps), Temperature = parse.GetValue(temperature), TopP = parse.GetValue(topP), Seed = parse.GetValue(seed) };
            GenerationResult result;
            lock (model.SyncRoot) result = TransformerGenerator.Generate(model.Transformer, prompt, options);
            using var stdout = Console.OpenStandardOutput();
            switch (model.Tokenizer)
            {
                case Llama2cTokenizer llama:
                    stdout.Write(llama.DecodeBytes(result.Tokens, printableOnly: true));
                    stdout.Write("\n"u8);
                    break;
                case ITextTokenizer tokenizer:
                    stdout.Write(System.Text.Encoding.UTF8.GetBytes(tokenizer.Decode(result.Tokens) + "\n"));
                    break;
                default:
                    stdout.Write(System.Text.Encoding.UTF8.GetBytes(string.Join(",", result.Tokens) + "\n"));
                    break;
            }

            return CliApp.Success;
        }));
        return command;
    }
}
