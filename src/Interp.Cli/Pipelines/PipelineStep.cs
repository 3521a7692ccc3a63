namespace Interp.Cli.Pipelines;

/// <summary>
/// One step of an appsettings pipeline: <c>{ "Name": "TreeShap", "Options": { ... } }</c>. The options are applied on
/// top of <c>Interp:Explainers:&lt;Name&gt;</c>.
/// </summary>
/// <param name="Index">Position in the pipeline (0-based).</param>
/// <param name="Name">Explainer name or alias.</param>
/// <param name="Path">Configuration path of the step (for messages), e.g. <c>Interp:Pipelines:adult:Steps:1</c>.</param>
/// <param name="Options">Option values relative to the step's <c>Options</c> section (lists as <c>Name:0</c>, ...).</param>
internal sealed record PipelineStep(int Index, string Name, string Path, IReadOnlyList<KeyValuePair<string, string?>> Options);
