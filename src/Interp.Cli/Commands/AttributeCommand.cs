using System.CommandLine;
using Interp.Core.Envelope;
using Interp.Core.Models;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Imaging;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp attribute --model &lt;file&gt; --method &lt;alias&gt; (--inputs &lt;inputs.json&gt; | --image &lt;file&gt;... --preprocess &lt;preset|spec.json&gt; | --data &lt;rows.csv&gt; [--background bg.csv] [--label col])
/// [--target N] [--set Option=value]... [--quality list] [--out file]</c>: runs a local attribution explainer and writes the explanation envelope
/// (to stdout without <c>--out</c>). With <c>--image</c> every image is one example and the explanation's
/// <c>labels.image</c> carries the image geometry. <c>--quality</c> (comma-separated: infidelity, sensitivity_max,
/// deletion, insertion, or all) adds quality metrics to the explanation before it is written.
/// </summary>
internal static class AttributeCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file (.onnx).", Required = true };
        var method = new Option<string>("--method") { Description = "Explainer name or alias (see 'interp explainers list').", Required = true };
        var inputs = new Option<FileInfo?>("--inputs") { Description = "inputs.json: inputs, baselines, target, feature_mask, grouped_mask (or give --image)." };
        var image = new Option<string[]>("--image") { Description = "Image file (PNG or JPEG) as input; repeat for several examples. Needs --preprocess.", AllowMultipleArgumentsPerToken = false };
        var preprocess = new Option<string?>("--preprocess") { Description = $"How --image files become the model's input: a preset ({string.Join(", ", ImagePresets.Names)}) or a JSON spec file (docs/images.md)." };
        var target = new Option<int?>("--target") { Description = "Output index to explain (overrides the file's target)." };
        var set = new Option<string[]>("--set") { Description = "Explainer option, Option=value (repeatable; lists comma-separated).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<FileInfo?>("--out") { Description = "Write the explanation here (written atomically)." };
        var layer = new Option<string?>("--layer") { Description = "Hook point for layer methods (same as --set Layer=...), e.g. an ONNX value name." };
        var quality = new Option<string?>("--quality") { Description = "Quality metrics to add, comma-separated: infidelity, sensitivity_max, deletion, insertion, or all." };
        var data = new Option<FileInfo?>("--data") { Description = "Tabular models (ML.NET .zip, LightGBM .txt): CSV rows to explain, columns matched by name (instead of --inputs)." };
        var background = new Option<FileInfo?>("--background") { Description = "With --data: CSV background rows (default: up to 100 of the explained rows)." };
        var label = new Option<string?>("--label") { Description = "With --data: the label column (not read as a feature)." };
        var command = new Command("attribute", "Attribute a model's output to its inputs.") { model, method, inputs, image, preprocess, target, set, layer, quality, output, data, background, label };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            var methodName = parse.GetValue(method)!;
            if (parse.GetValue(data) is { } dataFile)
            {
                if (parse.GetValue(inputs) is not null || parse.GetValue(image) is { Length: > 0 }) throw new InterpException("Give --data (tabular models) or --inputs/--image, not both.") { IsConfigurationError = true };
                return await RunTabularAsync(parse, methodName, parse.GetValue(model)!.FullName, dataFile.FullName, parse.GetValue(background)?.FullName, parse.GetValue(label), parse.GetValue(set) ?? [], parse.GetValue(output), ct).ConfigureAwait(false);
            }

            var examples = AttributionInputs.FromOptions(parse.GetValue(inputs), parse.GetValue(image), parse.GetValue(preprocess));
            var pairs = (parse.GetValue(set) ?? []).ToList();
            if (parse.GetValue(layer) is { Length: > 0 } layerName) pairs.Add("Layer=" + layerName);
            using var host = await CliHost.StartAsync(
                registry => SetOptions.ToConfiguration(registry.Require(methodName), pairs),
                parse.GetValue(CliApp.Verbose),
                ct).ConfigureAwait(false);
            var metrics = QualityList(host.Services, parse.GetValue(quality));
            var explanation = await RunAsync(host.Services, parse.GetValue(model)!.FullName, methodName, examples, parse.GetValue(target), ct, metrics).ConfigureAwait(false);
            var outFile = parse.GetValue(output);
            if (outFile is null)
            {
                using var stdout = Console.OpenStandardOutput();
                ExplanationFile.Write(explanation, stdout, indented: true);
                await Console.Out.WriteLineAsync().ConfigureAwait(false);
            }
            else
            {
                ExplanationFile.WriteAtomic(explanation, outFile.FullName, indented: true);
                await Console.Out.WriteLineAsync($"{explanation.Method}: wrote {outFile.FullName}").ConfigureAwait(false);
                if (explanation is AttributionExplanation attribution)
                {
                    foreach (var png in HeatmapFiles.Write(attribution, examples, outFile.FullName))
                    {
                        await Console.Out.WriteLineAsync($"{explanation.Method}: wrote {png}").ConfigureAwait(false);
                    }
                }
            }

            return CliApp.Success;
        }));
        return command;
    }

    /// <summary>
    /// Loads the model and the examples (an inputs file or images), creates the explainer and runs it; then adds the
    /// <paramref name="quality"/> metrics (while the model is still loaded).
    /// </summary>
    public static Task<Explanation> RunAsync(IServiceProvider services, string modelPath, string method, AttributionInputs examples, int? target, CancellationToken ct, IReadOnlyList<string>? quality = null) =>
        RunAsync(services, modelPath, services.GetRequiredService<IExplainerFactory>().Create(method), examples, target, ct, quality);

    /// <summary>As above, with an explainer already created (e.g. with a pipeline step's options).</summary>
    public static async Task<Explanation> RunAsync(IServiceProvider services, string modelPath, IExplainer explainer, AttributionInputs examples, int? target, CancellationToken ct, IReadOnlyList<string>? quality = null)
    {
        var method = explainer.Name;
        if (explainer.RequestType != typeof(AttributionRequest))
        {
            throw new InterpException($"'{method}' is a {explainer.Level.ToString().ToLowerInvariant()} explainer taking {explainer.RequestType.Name}; 'interp attribute' runs attribution explainers.") { IsConfigurationError = true };
        }

        // The model is loaded by the first backend whose models offer what the explainer needs (an .onnx file runs on
        // ONNX Runtime for perturbation methods and is imported into TorchSharp for gradient and layer methods).
        using var model = services.GetRequiredService<ModelLoaderCatalog>().Load(modelPath, explainer.RequiredCapabilities);
        if (model is not IPredictor predictor)
        {
            throw new MissingCapabilityException(explainer.Name, typeof(IPredictor), model);
        }

        var request = examples.ToRequest(predictor, target);
        var explanation = await explainer.ExplainAsync(request, ct).ConfigureAwait(false);
        if (quality is { Count: > 0 } && explanation is AttributionExplanation attribution)
        {
            await services.GetRequiredService<IQualityMetrics>().AddAsync(attribution, explainer, request, quality, ct).ConfigureAwait(false);
        }

        return explanation;
    }

    /// <summary>
    /// <c>--data</c>: an attribution explainer on the feature vectors of a tabular model's rows, against the background
    /// (what <c>interp shap --explainer auto</c> does with the explainer it chooses).
    /// </summary>
    private static async Task<int> RunTabularAsync(System.CommandLine.ParseResult parse, string method, string modelPath, string dataPath, string? backgroundPath, string? label, IReadOnlyList<string> set, FileInfo? outFile, CancellationToken ct)
    {
        using var host = await CliHost.StartAsync(registry => SetOptions.ToConfiguration(registry.Require(method), set), parse.GetValue(CliApp.Verbose), ct).ConfigureAwait(false);
        var explainer = host.Services.GetRequiredService<IExplainerFactory>().Create(method);
        if (explainer.RequestType != typeof(AttributionRequest))
        {
            throw new InterpException($"'{method}' takes {explainer.RequestType.Name}; 'interp attribute --data' runs attribution explainers (TreeShap: use 'interp shap').") { IsConfigurationError = true };
        }

        var loaded = ShapData.Load(modelPath, dataPath, backgroundPath, label);
        using var disposeModel = loaded.Model;
        var explanation = await ShapAgnostic.ExplainAsync(explainer, loaded, ct).ConfigureAwait(false);
        return await ShapAgnostic.WriteAsync(explanation, outFile).ConfigureAwait(false);
    }

    /// <summary>The metric names of <c>--quality</c> (empty without it), checked before anything runs.</summary>
    private static IReadOnlyList<string> QualityList(IServiceProvider services, string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return [];
        var metrics = services.GetService<IQualityMetrics>()
            ?? throw new InterpException("--quality: no quality metrics are available (the attribution pack is not loaded).") { IsConfigurationError = true };
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.FirstOrDefault(n => !string.Equals(n, "all", StringComparison.OrdinalIgnoreCase) && !metrics.Names.Contains(n, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new InterpException($"--quality: unknown metric '{unknown}'; use {string.Join(", ", metrics.Names)} or all.") { IsConfigurationError = true };
        }

        return names;
    }
}
