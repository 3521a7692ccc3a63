using Interp.Core.Configuration;
using Interp.Core.Models;
using Interp.Explainers;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Cli.Demo;

/// <summary>What every demo part needs: the host's services, the data locator, the report being written, and whether the run is the reduced <c>--quick</c> one.</summary>
internal sealed class DemoContext(IServiceProvider services, DemoData data, DemoReport report, bool quick, Action<string> log)
{
    public IServiceProvider Services { get; } = services;

    public DemoData Data { get; } = data;

    public DemoReport Report { get; } = report;

    /// <summary>The reduced run (tests): every part small.</summary>
    public bool Quick { get; } = quick;

    public ModelLoaderCatalog Models => Services.GetRequiredService<ModelLoaderCatalog>();

    /// <summary>Prints a result line (kept in the output, unlike progress messages).</summary>
    public void Log(string message) => log(message);

    /// <summary>An explainer from the host's factory by registry name, with options set on top of its configured ones.</summary>
    public IExplainer Create(string name, params (string Key, string Value)[] options)
    {
        var factory = Services.GetRequiredService<IExplainerFactory>();
        if (options.Length == 0) return factory.Create(name);
        var values = options.ToDictionary(o => o.Key, o => (string?)o.Value);
        return factory.Create(name, o => ExplainerOptionsBinder.Apply(o, values));
    }
}
