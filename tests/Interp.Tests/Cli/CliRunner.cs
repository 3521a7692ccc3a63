using System.Diagnostics;

namespace Interp.Tests.Cli;

/// <summary>Runs the built <c>interp</c> executable as a user would, from a chosen working directory.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string Executable => Path.Combine(TestPaths.CliFolder, "interp");

    public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static Result Run(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        if (!File.Exists(Executable)) throw new InvalidOperationException($"The CLI is not built at {Executable}; build the solution first.");
        var psi = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment is not null)
        {
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("interp " + string.Join(" ", args) + " did not finish in 3 minutes.");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
