using System.CommandLine;
using Interp.Cli.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp explain --config appsettings.json [--pipeline &lt;name&gt;] [--out &lt;folder&gt;]</c>: runs the pipelines declared
/// under <c>Interp:Pipelines</c> (all of them, or one), writing an envelope and, where tabular, a CSV per step.
/// Every step of every selected pipeline is validated before the first one runs.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "appsettings.json declaring Interp:Pipelines (and any Interp:Explainers options).", Required = true };
        var pipeline = new Option<string?>("--pipeline") { Description = "Run only this pipeline (default: all, in file order)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: each pipeline's Output, else interp-output beside the config file)." };
        var command = new Command("explain", "Run the explainer pipelines declared in an appsettings file.") { config, pipeline, output };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse.GetValue(CliApp.Verbose), async () =>
        {
            var configFile = parse.GetValue(config)!.FullName;
            using var host = await CliHost.StartAsync(null, parse.GetValue(CliApp.Verbose), ct, configFile).ConfigureAwait(false);
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            var pipelines = PipelineDefinition.Read(configuration, Path.GetDirectoryName(configFile)!, configFile, parse.GetValue(pipeline));
            var runner = new PipelineRunner(host.Services);
            var prepared = pipelines.Select(p => (Pipeline: p, Explainers: runner.Prepare(p))).ToList();
            foreach (var (p, explainers) in prepared)
            {
                var folder = parse.GetValue(output)?.FullName ?? p.Output;
                await runner.RunAsync(p, explainers, folder, Console.Out, ct).ConfigureAwait(false);
            }

            return CliApp.Success;
        }));
        return command;
    }
}
