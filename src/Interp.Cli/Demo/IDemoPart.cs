namespace Interp.Cli.Demo;

/// <summary>One part of <c>interp demo</c>: a model, the explainers run on it, the pages it adds to the report.</summary>
internal interface IDemoPart
{
    /// <summary>Short title shown in the progress display.</summary>
    string Title { get; }

    /// <summary>Runs the part; throws <see cref="DemoSkipException"/> when its data is absent.</summary>
    Task RunAsync(DemoContext context, DemoStep step, CancellationToken cancellationToken);
}
