using System.Globalization;
using Interp.Explainers;
using Microsoft.Extensions.Configuration;

namespace Interp.Cli.Pipelines;

/// <summary>
/// A pipeline declared under <c>Interp:Pipelines:&lt;name&gt;</c>: the model, its data, and ordered explainer steps.
/// Relative paths are relative to the configuration file's folder. Unknown keys are errors naming the key.
/// </summary>
internal sealed record PipelineDefinition(
    string Name,
    string Path,
    string Model,
    string? Data,
    string? Label,
    string? PositiveLabel,
    string? Background,
    string? Inputs,
    int? Target,
    string Output,
    IReadOnlyList<PipelineStep> Steps)
{
    /// <summary>The configuration section holding pipelines.</summary>
    public const string Section = "Interp:Pipelines";

    private static readonly string[] Keys = ["Model", "Data", "Label", "PositiveLabel", "Background", "Inputs", "Target", "Output", "Steps"];
    private static readonly string[] StepKeys = ["Name", "Options"];

    /// <summary>Reads every pipeline (or only <paramref name="only"/>) and checks its shape; files are checked to exist.</summary>
    /// <exception cref="InterpException">No pipelines, an unknown pipeline or key, a missing value or file (configuration errors).</exception>
    public static IReadOnlyList<PipelineDefinition> Read(IConfiguration configuration, string baseDirectory, string configFile, string? only)
    {
        var all = configuration.GetSection(Section).GetChildren().ToList();
        if (all.Count == 0) throw Error($"'{configFile}' declares no pipelines: add {Section}:<name> with Model, Data and Steps (docs/pipelines.md).");
        if (only is not null)
        {
            var match = all.FirstOrDefault(s => string.Equals(s.Key, only, StringComparison.OrdinalIgnoreCase))
                ?? throw Error($"--pipeline '{only}': '{configFile}' declares {string.Join(", ", all.Select(s => s.Key))}.");
            all = [match];
        }

        return all.Select(s => FromSection(s, baseDirectory)).ToList();
    }

    private static PipelineDefinition FromSection(IConfigurationSection section, string baseDirectory)
    {
        CheckKeys(section, Keys);
        string? PathOf(string key)
        {
            var value = section[key];
            if (string.IsNullOrWhiteSpace(value)) return null;
            return System.IO.Path.GetFullPath(value, baseDirectory);
        }

        string? Existing(string key)
        {
            var path = PathOf(key);
            if (path is not null && !File.Exists(path)) throw Error($"{section.Path}:{key}: file '{path}' does not exist.");
            return path;
        }

        var model = Existing("Model") ?? throw Error($"{section.Path}:Model is required (an .onnx, ML.NET .zip or LightGBM .txt file).");
        int? target = null;
        if (section["Target"] is { Length: > 0 } t)
        {
            target = int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v
                : throw Error($"{section.Path}:Target must be a non-negative output index, not '{t}'.");
        }

        var steps = section.GetSection("Steps").GetChildren().OrderBy(s => int.TryParse(s.Key, out var i) ? i : int.MaxValue).ToList();
        if (steps.Count == 0) throw Error($"{section.Path}:Steps is empty: list the explainers to run, e.g. [{{ \"Name\": \"TreeShap\" }}].");
        var parsed = steps.Select((s, i) => Step(s, i)).ToList();
        return new PipelineDefinition(
            section.Key,
            section.Path,
            model,
            Existing("Data"),
            section["Label"],
            section["PositiveLabel"],
            Existing("Background"),
            Existing("Inputs"),
            target,
            PathOf("Output") ?? System.IO.Path.Combine(baseDirectory, "interp-output"),
            parsed);
    }

    private static PipelineStep Step(IConfigurationSection step, int index)
    {
        CheckKeys(step, StepKeys);
        var name = step["Name"];
        if (string.IsNullOrWhiteSpace(name)) throw Error($"{step.Path}:Name is required (an explainer name, see 'interp explainers list').");
        var options = step.GetSection("Options");
        var values = options.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null).ToList();
        return new PipelineStep(index, name, step.Path, values);
    }

    private static void CheckKeys(IConfigurationSection section, string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw Error($"{section.Path}:{child.Key} is not a pipeline key; expected one of {string.Join(", ", known)}.");
            }
        }
    }

    private static InterpException Error(string message) => new(message) { IsConfigurationError = true };
}
