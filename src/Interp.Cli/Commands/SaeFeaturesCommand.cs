using System.CommandLine;
using System.Globalization;
using Interp.Core.Envelope;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Sae.Architectures;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp sae features --model M (--sae F | --hook H) (--prompt text | --tokens ids | --feature N ...) [--text corpus]
/// [--set Option=value]... [--out F] [--json]</c>: the <c>SaeFeatures</c> explainer (options from
/// <c>Interp:Explainers:SaeFeatures</c> and <c>--set</c>); prints a table per feature card and writes the envelope.
/// </summary>
internal static class SaeFeaturesCommand
{
    public static Command Create()
    {
        var inputs = new TransformerInputs();
        var sae = new Option<FileInfo?>("--sae") { Description = "A saved SAE; without it the hook's own coordinates (neurons) are explained." };
        var hook = new Option<string?>("--hook") { Description = "Hook point (default: the SAE's), e.g. blocks.0.mlp.hook_post for neurons." };
        var feature = new Option<int[]>("--feature") { Description = "Feature (or neuron) index; repeatable. Default: the prompt's most active.", AllowMultipleArgumentsPerToken = true };
        var text = new Option<FileInfo?>("--text") { Description = "Corpus for top-activating contexts, one document per line (sets CorpusPath)." };
        var set = new Option<string[]>("--set") { Description = "SaeFeatures option, Option=value (repeatable)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the explanation envelope here (atomically)." };
        var json = new Option<bool>("--json") { Description = "Print the envelope instead of the table." };
        var command = new Command("features", "Neuroscope-style cards of SAE features or neurons: where they fire on a prompt, top contexts, histogram, density, output tokens, steering.");
        inputs.AddTo(command);
        foreach (var o in new Option[] { sae, hook, feature, text, set, output, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            SaeCommand.UseThreads(parse);
            var pairs = (parse.GetValue(set) ?? []).ToList();
            if (parse.GetValue(text) is { } corpus) pairs.Add("CorpusPath=" + corpus.FullName);
            using var host = await CliHost.StartAsync(registry => SetOptions.ToConfiguration(registry.Require("SaeFeatures"), pairs), parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            var explainer = host.Services.GetRequiredService<IExplainerFactory>().Create("SaeFeatures");
            using var model = inputs.LoadModel(host.Services, parse);
            var saePath = parse.GetValue(sae)?.FullName;
            string hookName = parse.GetValue(hook) ?? (saePath is null
                ? throw new InterpException("Give --sae, or --hook for the hook's own coordinates (neurons).") { IsConfigurationError = true }
                : SaeHook(saePath));
            var features = parse.GetValue(feature) ?? [];
            IReadOnlyList<int>? prompt = parse.GetValue(inputs.Prompt) is null && parse.GetValue(inputs.Tokens) is null ? null : inputs.ReadTokens(model, parse, allowEmptyPrompt: true);
            if (prompt is null && features.Length == 0) throw new InterpException("Give --prompt/--tokens or at least one --feature.") { IsConfigurationError = true };
            var request = new ConceptRequest { Model = model, HookPoint = hookName, SaePath = saePath, Tokens = prompt, FeatureIndices = features };
            var explanation = (SaeFeatureExplanation)await explainer.ExplainAsync(request, ct).ConfigureAwait(false);
            if (parse.GetValue(output) is { } outFile)
            {
                ExplanationFile.WriteAtomic(explanation, outFile.FullName, indented: true);
                await Console.Error.WriteLineAsync($"{explanation.Method}: wrote {outFile.FullName}").ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                ExplanationFile.Write(explanation, stdout, indented: true);
                await Console.Out.WriteLineAsync().ConfigureAwait(false);
            }
            else
            {
                Print(explanation);
            }

            return CliApp.Success;
        }));
        return command;
    }

    private static string SaeHook(string path)
    {
        using var loaded = SaeArchitectureRegistry.CreateDefault().Load(path);
        return loaded.Config.HookName;
    }

    private static void Print(SaeFeatureExplanation e)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"{e.Basis} at {e.HookPoint}");
        if (e.PromptActivations is { Count: > 0 } where)
        {
            Console.WriteLine("prompt: position  features (activation)");
            foreach (var g in where.GroupBy(w => w.Position))
            {
                Console.WriteLine(string.Create(inv, $"  {g.Key,4}  {string.Join("  ", g.Select(w => string.Create(inv, $"{w.Feature} ({w.Activation:F2})")))}"));
            }
        }

        foreach (var card in e.Features ?? [])
        {
            Console.WriteLine(string.Create(inv, $"\nfeature {card.FeatureIndex}: density {card.Density:G3}, max {card.MaxActivation:F3} over {card.CorpusTokens} tokens"));
            if (card.TopLogits is { } top) Console.WriteLine("  boosts:     " + string.Join(" ", top.Take(8).Select(l => string.Create(inv, $"{Quote(l.Token)}({l.Value:F2})"))));
            if (card.BottomLogits is { } bottom) Console.WriteLine("  suppresses: " + string.Join(" ", bottom.Take(8).Select(l => string.Create(inv, $"{Quote(l.Token)}({l.Value:F2})"))));
            foreach (var c in card.TopContexts.Take(5))
            {
                Console.WriteLine(string.Create(inv, $"  {c.MaxActivation,7:F3}  ") + string.Concat(c.Tokens.Select((t, i) => i == c.MaxIndex ? "[[" + t + "]]" : t)).Replace("\n", " ", StringComparison.Ordinal));
            }

            foreach (var s in card.Steering ?? []) Console.WriteLine(string.Create(inv, $"  steer {s.Coefficient,8:F2}: {s.Text?.Replace("\n", " ", StringComparison.Ordinal)}"));
        }
    }

    private static string Quote(string token) => "'" + token.Replace("\n", "\\n", StringComparison.Ordinal) + "'";
}
