using Interp.Core.Registry;
using Interp.Explainers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Interp.Tests.Hosting;

/// <summary>Builds a service provider the way a library user would: AddExplainers + the attribution pack + the Lime plugin.</summary>
internal static class HostTestKit
{
    public static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    public static ServiceProvider Build(IConfiguration config, bool withLime = true)
    {
        var services = new ServiceCollection();
        var builder = services.AddExplainers(config).AddAttributionExplainers().AddMechanisticExplainers().AddSaeExplainers().AddOnnxRuntime();
        if (withLime) builder.AddPlugin(new Interp.Plugins.Lime.LimePlugin(), "plugin");
        return services.BuildServiceProvider();
    }

    public static IExplainerFactory Factory(this IServiceProvider sp) => sp.GetRequiredService<IExplainerFactory>();

    public static ExplainerRegistry Registry(this IServiceProvider sp) => sp.GetRequiredService<ExplainerRegistry>();
}
