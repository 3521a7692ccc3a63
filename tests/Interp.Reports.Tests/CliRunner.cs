using System.Diagnostics;

namespace Interp.Reports.Tests;

/// <summary>Runs the built <c>interp</c> executable (src/Interp.Cli/bin/&lt;Configuration&gt;/net10.0/linux-x64) as a user would.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string Executable { get; } = Path.Combine(RepoRoot(), "src", "Interp.Cli", "bin", Configuration, "net10.0", "linux-x64", "interp");

    public static Result Run(string workingDirectory, params string[] args)
    {
        if (!File.Exists(Executable)) throw new InvalidOperationException($"The CLI is not built at {Executable}.");
        var psi = new ProcessStartInfo(Executable) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
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

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interp.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Interp.sln not found above " + AppContext.BaseDirectory);
    }
}
