namespace Interp.Cli.Demo;

/// <summary>A demo part cannot run here (its data or model is absent); the demo says why and goes on with the next part.</summary>
internal sealed class DemoSkipException(string message) : Exception(message);
