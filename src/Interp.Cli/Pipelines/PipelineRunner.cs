using Interp.Cli.Commands;
using Interp.Core.Configuration;
using Interp.Core.Envelope;
using Interp.Core.Registry;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Pipelines;

/// <summary>
/// Runs an appsettings pipeline: every step's explainer is created (and its options validated) before anything runs,
/// then the steps run in order on the pipeline's model and data, each writing its envelope
/// (<c>&lt;pipeline&gt;-&lt;NN&gt;-&lt;alias&gt;.json</c>) and, where the result is tabular, a CSV beside it.
/// </summary>
internal sealed class PipelineRunner
{
    private readonly IServiceProvider _services;

    public PipelineRunner(IServiceProvider services) => _services = services;

    /// <summary>Creates each step's explainer with its options, checking names, options and request kinds.</summary>
    public IReadOnlyList<IExplainer> Prepare(PipelineDefinition pipeline)
    {
        var registry = _services.GetRequiredService<ExplainerRegistry>();
        var factory = _services.GetRequiredService<IExplainerFactory>();
        var explainers = new List<IExplainer>();
        foreach (var step in pipeline.Steps)
        {
            var descriptor = registry.Find(step.Name)
                ?? throw new InterpException($"{step.Path}:Name: unknown explainer '{step.Name}'. Known: {string.Join(", ", registry.All.Select(d => d.Name).Order(StringComparer.Ordinal))}.") { IsConfigurationError = true };
            IExplainer explainer;
            try
            {
                explainer = factory.Create(descriptor.Name, o => ExplainerOptionsBinder.Apply(o, step.Options));
            }
            catch (InterpException ex)
            {
                throw new InterpException($"{step.Path}:Options: {ex.Message}", ex) { IsConfigurationError = true };
            }

            CheckRunnable(pipeline, step, explainer);
            explainers.Add(explainer);
        }

        return explainers;
    }

    /// <summary>Runs the prepared steps; returns the files written.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(PipelineDefinition pipeline, IReadOnlyList<IExplainer> explainers, string outputFolder, TextWriter log, CancellationToken ct)
    {
        Directory.CreateDirectory(outputFolder);
        var written = new List<string>();
        ShapData? tabular = null;
        try
        {
            for (int i = 0; i < explainers.Count; i++)
            {
                var explainer = explainers[i];
                await log.WriteLineAsync($"[{pipeline.Name} {i + 1}/{explainers.Count}] {explainer.Name}").ConfigureAwait(false);
                Explanation explanation;
                if (explainer.RequestType == typeof(AttributionRequest) && pipeline.Inputs is not null)
                {
                    var examples = AttributionInputs.FromOptions(new FileInfo(pipeline.Inputs), [], null);
                    explanation = await AttributeCommand.RunAsync(_services, pipeline.Model, explainer, examples, pipeline.Target, ct).ConfigureAwait(false);
                }
                else
                {
                    tabular ??= ShapData.Load(pipeline.Model, pipeline.Data!, pipeline.Background, pipeline.Label);
                    explanation = await RunTabularAsync(pipeline, explainer, tabular, ct).ConfigureAwait(false);
                }

                var stem = Path.Combine(outputFolder, $"{pipeline.Name}-{i + 1:00}-{Alias(explainer)}");
                ExplanationFile.WriteAtomic(explanation, stem + ".json", indented: true);
                var files = new List<string> { stem + ".json" };
                if (PipelineCsv.Write(explanation, stem + ".csv") is { } csv) files.Add(csv);
                written.AddRange(files);
                await log.WriteLineAsync($"  wrote {string.Join(", ", files)}").ConfigureAwait(false);
            }
        }
        finally
        {
            tabular?.Model.Dispose();
        }

        return written;
    }

    private static async Task<Explanation> RunTabularAsync(PipelineDefinition pipeline, IExplainer explainer, ShapData data, CancellationToken ct)
    {
        if (explainer.RequestType == typeof(ShapRequest))
        {
            return await explainer.ExplainAsync(new ShapRequest { Model = data.Model, Data = data.Rows, Background = data.Background }, ct).ConfigureAwait(false);
        }

        if (explainer.RequestType == typeof(AttributionRequest))
        {
            return await ShapAgnostic.ExplainAsync(explainer, data, ct).ConfigureAwait(false);
        }

        var labels = PipelineLabels.Read(pipeline.Data!, pipeline.Label!, pipeline.PositiveLabel, pipeline.Path);
        var request = new GlobalImportanceRequest
        {
            Model = data.Model,
            Data = ShapAgnostic.ToFloat(data.Rows, data.Rows.Shape[0]),
            Labels = labels,
            FeatureNames = (data.Model as IHasFeatureNames)?.FeatureNames,
        };
        return await explainer.ExplainAsync(request, ct).ConfigureAwait(false);
    }

    private static void CheckRunnable(PipelineDefinition pipeline, PipelineStep step, IExplainer explainer)
    {
        var type = explainer.RequestType;
        string? problem = null;
        if (type == typeof(AttributionRequest))
        {
            if (pipeline.Inputs is null && pipeline.Data is null) problem = "needs Inputs (an inputs.json for .onnx models) or Data (a CSV for ML.NET/LightGBM models)";
        }
        else if (type == typeof(ShapRequest))
        {
            if (pipeline.Data is null) problem = "needs Data (a CSV of the rows to explain)";
        }
        else if (type == typeof(GlobalImportanceRequest))
        {
            if (pipeline.Data is null || pipeline.Label is null) problem = "needs Data and Label (the column holding the true values)";
        }
        else
        {
            problem = $"is a {explainer.Level.ToString().ToLowerInvariant()} explainer taking {type.Name}; pipelines run attribution, SHAP and global-importance explainers";
        }

        if (problem is not null) throw new InterpException($"{step.Path}: {explainer.Name} {problem}.") { IsConfigurationError = true };
    }

    private static string Alias(IExplainer explainer) =>
        string.Concat(explainer.Name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
