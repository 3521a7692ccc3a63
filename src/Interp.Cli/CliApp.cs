using System.CommandLine;
using Interp.Cli.Commands;

namespace Interp.Cli;

/// <summary>The <c>interp</c> command line: parses, maps errors to exit codes (0 ok, 1 runtime failure, 2 usage/configuration).</summary>
public static class CliApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a runtime failure (bad model or input data, a failing explainer).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>Exit code of a usage or configuration error (bad arguments, unknown method, invalid options).</summary>
    public const int UsageError = 2;

    /// <summary>The global <c>--verbose</c> option (stack traces and information logs).</summary>
    public static Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print stack traces and information logs.", Recursive = true };

    /// <summary>Runs the command line.</summary>
    /// <param name="args">Arguments.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("interp — explain machine-learning models (attribution, SHAP, mechanistic, concepts).");
        root.Options.Add(Verbose);
        root.Subcommands.Add(ExplainersCommand.Create());
        root.Subcommands.Add(AttributeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(VerifyModelCommand.Create());
        root.Subcommands.Add(ShapCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(SaeCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(CacheCommand.Create());
        foreach (var verb in Mechanistic.MechanisticCommands.Create()) root.Subcommands.Add(verb);
        root.Subcommands.Add(ReportCommand.Create());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("Run 'interp --help' for usage.").ConfigureAwait(false);
            return UsageError;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
