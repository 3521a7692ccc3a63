namespace Interp.Cli.Demo;

/// <summary>Makes the one <see cref="DemoContext"/> of a run once the output mode (progress display or plain lines) is known.</summary>
internal sealed class DemoContextFactory(IServiceProvider services, DemoData data, string outDir, bool quick)
{
    public DemoContext Create(Action<string> log) => new(services, data, new DemoReport(outDir), quick, log);
}
