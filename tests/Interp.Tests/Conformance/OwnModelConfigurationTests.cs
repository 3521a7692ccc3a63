using Interp.Core.Registry;
using Interp.Explainers.Hosting;
using Interp.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>
/// The configuration checks of the explainers that run on their own models (<see cref="ConformanceTable.OwnModelNames"/>),
/// and the host their model-specific conformance tests build.
/// </summary>
public sealed class OwnModelConfigurationTests
{
    [Theory]
    [MemberData(nameof(ConformanceTable.OwnModelNames), MemberType = typeof(ConformanceTable))]
    public void BindsFromConfigurationAndDeclaresItsLevel(string name)
    {
        var entry = Entry(name);
        using var sp = Build(entry, (entry.Binds.Option, entry.Binds.Value));
        var explainer = sp.GetRequiredService<IExplainerFactory>().Create(entry.Name);
        Assert.Equal(entry.Level, explainer.Level);
        Assert.Equal(entry.Binds.Expected, explainer.Options.GetType().GetProperty(entry.Binds.Option)!.GetValue(explainer.Options));
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.OwnModelNames), MemberType = typeof(ConformanceTable))]
    public void BadOptionsAreRejectedAtStart(string name)
    {
        var entry = Entry(name);
        using var sp = Build(entry, (entry.Bad.Option, entry.Bad.Value));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.ValidateInterpConfiguration());
        Assert.Contains(entry.Bad.Option, ex.Message);
        Assert.Contains(entry.Name, ex.Message);
    }

    private static ConformanceTable.Entry Entry(string name) => ConformanceTable.TreeEntries.Concat(ConformanceTable.ModelEntries).Concat(ConformanceTable.MechanisticEntries).Concat(ConformanceTable.SaeEntries).Single(e => e.Name == name);

    /// <summary>A host with the entry's required options plus <paramref name="settings"/>.</summary>
    internal static ServiceProvider Build(ConformanceTable.Entry entry, params (string Option, string Value)[] settings) =>
        HostTestKit.Build(HostTestKit.Config(entry.Required.Concat(settings).Select(s => ($"Interp:Explainers:{entry.Name}:{s.Option}", (string?)s.Value)).ToArray()));
}
