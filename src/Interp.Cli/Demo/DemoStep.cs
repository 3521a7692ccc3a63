namespace Interp.Cli.Demo;

/// <summary>How a demo part reports progress: a message and the fraction of the part done (0..1).</summary>
internal sealed class DemoStep(Action<string, double> report)
{
    /// <summary>Reports that the part is at <paramref name="fraction"/> and now doing <paramref name="message"/>.</summary>
    public void Report(string message, double fraction) => report(message, Math.Clamp(fraction, 0, 1));
}
