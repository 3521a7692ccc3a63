using Interp.Core.Registry;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Tests.Hosting;
using Interp.Tests.Linear;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>The cross-cutting checks for <see cref="ConformanceTable.ModelEntries"/> on an ML.NET linear regression.</summary>
public sealed class ModelConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceTable.ModelNames), MemberType = typeof(ConformanceTable))]
    public async Task SameSeedGivesIdenticalOutputWithStableShapes(string name)
    {
        using var sp = Build(Entry(name));
        var data = new LinearData(200, seed: 8);
        using var model = data.Model(binary: false);
        var first = Values(await Explain(sp, name, Request(name, model, data, seed: 42)));
        var second = Values(await Explain(sp, name, Request(name, model, data, seed: 42)));
        Assert.Equal(first, second);
        Assert.Equal(name == "LinearShap" ? 10 * 4 : 4, first.Length);
        Assert.All(first, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.ModelNames), MemberType = typeof(ConformanceTable))]
    public async Task HonoursCancellationAndNamesAMissingCapability(string name)
    {
        using var sp = Build(Entry(name));
        var data = new LinearData(100, seed: 9);
        using var model = data.Model(binary: false);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Explain(sp, name, Request(name, model, data, 1), cts.Token));

        using var c = new ReferenceCase("mlp_tabular");
        var wrong = name == "LinearShap" ? (ExplanationRequest)c.Request : new GlobalImportanceRequest { Model = new EmptyModel(), Data = data.X, Labels = data.Y };
        var ex = await Assert.ThrowsAsync<MissingCapabilityException>(() => Explain(sp, name, wrong));
        Assert.Contains(name == "LinearShap" ? "ILinearModel" : "IPredictor", ex.Message);
    }

    private static ConformanceTable.Entry Entry(string name) => ConformanceTable.ModelEntries.Single(e => e.Name == name);

    private static ExplanationRequest Request(string name, Interp.Explainers.Models.IModel model, LinearData data, int seed) => name == "LinearShap"
        ? LinearShapTests.Request(model, data.X, rows: 10)
        : new GlobalImportanceRequest { Model = model, Data = data.X, Labels = data.Y, Seed = seed };

    private static double[] Values(Explanation e) => e switch
    {
        AttributionExplanation a => a.Attributions.Data.Select(v => (double)v).ToArray(),
        GlobalImportanceExplanation g => g.Importance,
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static ServiceProvider Build(ConformanceTable.Entry entry) => OwnModelConfigurationTests.Build(entry);

    private static Task<Explanation> Explain(IServiceProvider sp, string name, ExplanationRequest request, CancellationToken ct = default) =>
        sp.GetRequiredService<IExplainerFactory>().Create(name).ExplainAsync(request, ct);

    private sealed class EmptyModel : Interp.Explainers.Models.IModel
    {
        public Interp.Explainers.Models.ModelSource Source { get; } = new(null, null, "none");

        public void Dispose()
        {
        }
    }
}
