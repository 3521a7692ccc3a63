using System.CommandLine;
using System.Globalization;
using Interp.Core.Models;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Interp.Transformers.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary>The options shared by the transformer verbs (<c>--model</c>, <c>--tokenizer</c>, <c>--prompt</c> | <c>--tokens</c>) and their resolution.</summary>
internal sealed class TransformerInputs
{
    public Option<string> Model { get; } = new("--model") { Description = "llama2.c checkpoint (.bin) or HuggingFace folder (config.json + model.safetensors).", Required = true };

    public Option<FileInfo?> Tokenizer { get; } = new("--tokenizer") { Description = "llama2.c tokenizer file (default: tok512.bin or tokenizer.bin beside the checkpoint)." };

    public Option<string?> Prompt { get; } = new("--prompt") { Description = "Prompt text (encoded with the model's tokenizer; BOS prepended)." };

    public Option<string?> Tokens { get; } = new("--tokens") { Description = "Token ids, comma-separated, used as given (include BOS yourself)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Tokenizer);
        command.Options.Add(Prompt);
        command.Options.Add(Tokens);
    }

    /// <summary>Loads the model through the host's loader catalog (or directly, with an explicit tokenizer).</summary>
    public IHookedTransformerModel LoadModel(IServiceProvider services, ParseResult parse)
    {
        var path = parse.GetValue(Model)!;
        var tokenizer = parse.GetValue(Tokenizer);
        if (tokenizer is not null) return TransformerModelLoader.LoadModel(path, tokenizer.FullName, services.GetRequiredService<ComputeDevice>());
        var model = services.GetRequiredService<ModelLoaderCatalog>().Load(path, [typeof(IHookedTransformerModel)]);
        return model as IHookedTransformerModel ?? throw new InterpException($"'{path}' did not load as a hooked transformer.");
    }

    /// <summary>The prompt's token ids (exactly one of --prompt and --tokens).</summary>
    public IReadOnlyList<int> ReadTokens(IHookedTransformerModel model, ParseResult parse, bool allowEmptyPrompt)
    {
        var prompt = parse.GetValue(Prompt);
        var tokens = parse.GetValue(Tokens);
        if ((prompt is null) == (tokens is null)) throw new InterpException("Give exactly one of --prompt and --tokens.") { IsConfigurationError = true };
        if (tokens is not null) return Mechanistic.TokenList.Parse(tokens, "--tokens")!;

        if (model.Tokenizer is null) throw new InterpException($"'{model.Source.Path}' has no tokenizer; pass --tokens (or --tokenizer for a llama2.c checkpoint).") { IsConfigurationError = true };
        var encoded = model.Tokenizer.Encode(prompt!, addBos: true);
        if (encoded.Count == 0 || (!allowEmptyPrompt && prompt!.Length == 0 && model.Tokenizer.BosTokenId is null)) throw new InterpException("--prompt: the prompt encodes to no tokens.") { IsConfigurationError = true };
        return encoded;
    }
}
