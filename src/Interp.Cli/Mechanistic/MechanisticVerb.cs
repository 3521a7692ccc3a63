using System.CommandLine;
using System.Globalization;
using Interp.Cli.Commands;
using Interp.Core.Envelope;
using Interp.Core.Models;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Transformers.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.Tokenizers;

namespace Interp.Cli.Mechanistic;

/// <summary>
/// A thin CLI verb over one mechanistic explainer: <c>interp &lt;verb&gt; --model M (--prompt text | --tokens ids)
/// [--corrupted-prompt text | --corrupted-tokens ids] [--answer-token N] [--wrong-token N] [--set Option=value]...
/// [--out F] [--json]</c>. Prints a readable table (or the envelope with <c>--json</c>) and writes the envelope to
/// <c>--out</c> atomically.
/// </summary>
internal sealed class MechanisticVerb
{
    private readonly string _verb;
    private readonly string _explainer;
    private readonly string _description;
    private readonly bool _corrupted;
    private readonly Action<Explanation, IReadOnlyList<string>> _print;
    private readonly TransformerInputs _inputs = new();
    private readonly Option<string?> _corruptedPrompt = new("--corrupted-prompt") { Description = "The corrupted prompt (same token length as the clean one)." };
    private readonly Option<string?> _corruptedTokens = new("--corrupted-tokens") { Description = "The corrupted prompt's token ids, comma-separated." };
    private readonly Option<int?> _answer = new("--answer-token") { Description = "Answer token id of the metric (default: the clean run's top token)." };
    private readonly Option<int?> _wrong = new("--wrong-token") { Description = "Wrong token id of a logit difference (default: the corrupted run's top token)." };
    private readonly Option<FileInfo?> _vocab = new("--vocab") { Description = "WordPiece vocab.txt to encode --prompt for an imported BERT-style encoder." };
    private readonly Option<string[]> _set = new("--set") { Description = "Explainer option, Option=value (repeatable).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<FileInfo?> _out = new("--out") { Description = "Write the explanation envelope here (atomically)." };
    private readonly Option<bool> _json = new("--json") { Description = "Print the envelope instead of the table." };

    public MechanisticVerb(string verb, string explainer, string description, bool corrupted, Action<Explanation, IReadOnlyList<string>> print)
    {
        _verb = verb;
        _explainer = explainer;
        _description = description;
        _corrupted = corrupted;
        _print = print;
    }

    public Command Create()
    {
        var command = new Command(_verb, _description);
        _inputs.AddTo(command);
        foreach (var o in new Option[] { _answer, _wrong, _set, _out, _json }) command.Options.Add(o);
        if (_corrupted)
        {
            command.Options.Add(_corruptedPrompt);
            command.Options.Add(_corruptedTokens);
        }

        if (_explainer == "AttentionPatterns") command.Options.Add(_vocab);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), () => RunAsync(parse, ct)));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        using var host = await CliHost.StartAsync(
            registry => SetOptions.ToConfiguration(registry.Require(_explainer), parse.GetValue(_set) ?? []),
            parse.GetValue(CliApp.Verbose),
            ct).ConfigureAwait(false);
        var explainer = host.Services.GetRequiredService<IExplainerFactory>().Create(_explainer);
        using var model = Load(host.Services, parse, explainer);
        var (tokens, labels) = Tokens(model, parse);
        IReadOnlyList<int>? corrupted = null;
        if (_corrupted)
        {
            corrupted = CorruptedTokens(model, parse)
                ?? throw new InterpException($"interp {_verb} needs --corrupted-prompt or --corrupted-tokens.") { IsConfigurationError = true };
        }

        var request = new PromptRequest
        {
            Model = model,
            Tokens = tokens,
            CorruptedTokens = corrupted,
            AnswerToken = parse.GetValue(_answer),
            WrongToken = parse.GetValue(_wrong),
            TokenStrings = labels,
        };
        var explanation = await explainer.ExplainAsync(request, ct).ConfigureAwait(false);
        if (parse.GetValue(_out) is { } outFile)
        {
            ExplanationFile.WriteAtomic(explanation, outFile.FullName, indented: true);
            await Console.Error.WriteLineAsync($"{explanation.Method}: wrote {outFile.FullName}").ConfigureAwait(false);
        }

        if (parse.GetValue(_json))
        {
            using var stdout = Console.OpenStandardOutput();
            ExplanationFile.Write(explanation, stdout, indented: true);
            await Console.Out.WriteLineAsync().ConfigureAwait(false);
        }
        else
        {
            _print(explanation, labels);
        }

        return CliApp.Success;
    }

    private IModel Load(IServiceProvider services, ParseResult parse, IExplainer explainer)
    {
        if (parse.GetValue(_inputs.Tokenizer) is not null) return _inputs.LoadModel(services, parse);
        return services.GetRequiredService<ModelLoaderCatalog>().Load(parse.GetValue(_inputs.Model)!, explainer.RequiredCapabilities);
    }

    private (IReadOnlyList<int> Tokens, IReadOnlyList<string> Labels) Tokens(IModel model, ParseResult parse)
    {
        if (model is IHookedTransformerModel transformer)
        {
            var ids = _inputs.ReadTokens(transformer, parse, allowEmptyPrompt: true);
            return (ids, ids.Select(t => transformer.Tokenizer?.TokenText(t) ?? t.ToString(CultureInfo.InvariantCulture)).ToList());
        }

        // An imported encoder: WordPiece ids from --vocab, or ids as given.
        if (parse.GetValue(_inputs.Prompt) is { } text)
        {
            var vocab = parse.GetValue(_vocab) ?? throw new InterpException("--prompt on an imported encoder needs --vocab <vocab.txt> (WordPiece), or pass --tokens.") { IsConfigurationError = true };
            var tokenizer = BertTokenizer.Create(vocab.FullName);
            var ids = tokenizer.EncodeToIds(text);
            return (ids.ToList(), ids.Select(i => tokenizer.Decode([i]) ?? i.ToString(CultureInfo.InvariantCulture)).ToList());
        }

        var given = TokenList.Parse(parse.GetValue(_inputs.Tokens), "--tokens") ?? throw new InterpException("Give --prompt (with --vocab) or --tokens.") { IsConfigurationError = true };
        return (given, given.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList());
    }

    private IReadOnlyList<int>? CorruptedTokens(IModel model, ParseResult parse)
    {
        var text = parse.GetValue(_corruptedPrompt);
        var ids = TokenList.Parse(parse.GetValue(_corruptedTokens), "--corrupted-tokens");
        if (text is not null && ids is not null) throw new InterpException("Give one of --corrupted-prompt and --corrupted-tokens.") { IsConfigurationError = true };
        if (text is null) return ids;
        var tokenizer = (model as IHookedTransformerModel)?.Tokenizer
            ?? throw new InterpException("--corrupted-prompt needs a model with a tokenizer; pass --corrupted-tokens.") { IsConfigurationError = true };
        return tokenizer.Encode(text, addBos: true);
    }
}
