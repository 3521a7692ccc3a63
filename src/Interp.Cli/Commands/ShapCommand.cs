using System.CommandLine;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp shap --model &lt;model.zip|model.txt&gt; --data &lt;file.csv&gt; [--label col] [--explainer tree|auto]
/// [--interactions] [--background file.csv] [--model-output raw|probability] [--out file] [--csv]</c>: exact SHAP values
/// of a tree ensemble, written as the explanation envelope (<c>feature_names</c>, <c>base_values</c>, <c>shap_values</c>).
/// </summary>
internal static class ShapCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "Model: ML.NET .zip (FastTree, FastForest, LightGBM) or LightGBM text .txt.", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "CSV/TSV rows to explain; columns matched by name to the model's inputs; empty cells and NA are missing.", Required = true };
        var label = new Option<string?>("--label") { Description = "The label column (not read as a feature)." };
        var explainer = new Option<string>("--explainer") { Description = "tree, or auto (tree for tree ensembles, linear for linear models, exact for at most 15 features, else permutation).", DefaultValueFactory = _ => "auto" };
        explainer.AcceptOnlyFromAmong("tree", "auto");
        var interactions = new Option<bool>("--interactions") { Description = "Also write SHAP interaction values (path-dependent)." };
        var background = new Option<FileInfo?>("--background") { Description = "Background rows: interventional SHAP (and covers for ML.NET trees)." };
        var modelOutput = new Option<string>("--model-output") { Description = "raw (margin) or probability (binary models, interventional only).", DefaultValueFactory = _ => "raw" };
        modelOutput.AcceptOnlyFromAmong("raw", "probability");
        var output = new Option<FileInfo?>("--out") { Description = "Write the explanation here (written atomically); default stdout." };
        var csv = new Option<bool>("--csv") { Description = "Also write the SHAP values as CSV beside --out (<out>.csv)." };
        var command = new Command("shap", "Exact SHAP values of a tree ensemble (TreeSHAP).") { model, data, label, explainer, interactions, background, modelOutput, output, csv };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            if (parse.GetValue(csv) && parse.GetValue(output) is null) throw new InterpException("--csv needs --out (the CSV is written beside it).") { IsConfigurationError = true };
            var settings = new Dictionary<string, string?>
            {
                ["Interp:Explainers:TreeShap:Interactions"] = parse.GetValue(interactions) ? "true" : "false",
                ["Interp:Explainers:TreeShap:ModelOutput"] = parse.GetValue(modelOutput),
            };
            using var host = await CliHost.StartAsync(_ => settings, parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
            var loaded = ShapData.Load(parse.GetValue(model)!.FullName, parse.GetValue(data)!.FullName, parse.GetValue(background)?.FullName, parse.GetValue(label));
            using var disposeModel = loaded.Model;
            var (chosen, reason) = ShapExplainerChooser.Choose(loaded.Model, loaded.Rows.Shape[1]);
            if (parse.GetValue(explainer) == "auto") await Console.Error.WriteLineAsync($"auto: {chosen} ({reason})").ConfigureAwait(false);
            else if (loaded.Model is not ITreeEnsembleModel) throw new InterpException($"'{loaded.Model.Source.Path}' is not a tree ensemble; use --explainer auto for other models.");
            if (chosen != "TreeShap")
            {
                if (parse.GetValue(csv)) throw new InterpException("--csv is written for tree ensembles only.") { IsConfigurationError = true };
                var attribution = await ShapAgnostic.ExplainAsync(host.Services.GetRequiredService<IExplainerFactory>(), chosen, loaded, ct).ConfigureAwait(false);
                return await ShapAgnostic.WriteAsync(attribution, parse.GetValue(output)).ConfigureAwait(false);
            }

            var shap = host.Services.GetRequiredService<IExplainerFactory>().Create("TreeShap");
            var request = new ShapRequest { Model = loaded.Model, Data = loaded.Rows, Background = loaded.Background };
            var explanation = (ShapExplanation)await shap.ExplainAsync(request, ct).ConfigureAwait(false);
            var outFile = parse.GetValue(output);
            await ShapAgnostic.WriteAsync(explanation, outFile, $" ({loaded.Rows.Shape[0]} rows, max efficiency gap {explanation.Quality["efficiency_gap"].DefaultIfEmpty().Max():G3})").ConfigureAwait(false);
            if (outFile is null) return CliApp.Success;
            if (parse.GetValue(csv))
            {
                var csvPath = Path.ChangeExtension(outFile.FullName, ".csv");
                ShapCsv.Write(explanation, csvPath);
                await Console.Out.WriteLineAsync($"TreeShap: wrote {csvPath}").ConfigureAwait(false);
            }

            return CliApp.Success;
        }));
        return command;
    }
}
