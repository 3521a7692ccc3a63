using Interp.Core.Registry;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Tests.Hosting;
using Interp.Tests.Trees;
using Interp.Trees;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>The cross-cutting checks for tree explainers (<see cref="ConformanceTable.TreeEntries"/>) on natively trained LightGBM models.</summary>
public sealed class TreeConformanceTests
{
    [Theory]
    [MemberData(nameof(ConformanceTable.TreeNames), MemberType = typeof(ConformanceTable))]
    public async Task DeterministicWithStableShapesAndEfficient(string name)
    {
        var entry = ConformanceTable.TreeEntries.Single(e => e.Name == name);
        using var sp = Build(entry);
        foreach (var (text, label, classes) in new[] { (NativeLightGbm.Binary.Model, "income", 1), (NativeLightGbm.Multiclass.Model, "relationship", 6) })
        {
            var (request, rows, features) = Request(text, label);
            var first = await Explain(sp, name, request);
            var second = await Explain(sp, name, request);
            Assert.Equal(first.ShapValues.Data, second.ShapValues.Data);
            int[] shape = classes == 1 ? [rows, features] : [rows, classes, features];
            Assert.Equal(shape, first.ShapValues.Shape);
            Assert.Equal(shape[..^1], first.BaseValues.Shape);
            Assert.Equal(features, first.FeatureNames.Count);
            Assert.All(first.Quality["efficiency_gap"], g => Assert.True(g <= 1e-6, $"efficiency gap {g}"));
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.TreeNames), MemberType = typeof(ConformanceTable))]
    public async Task HonoursCancellationAndNamesAMissingCapability(string name)
    {
        var entry = ConformanceTable.TreeEntries.Single(e => e.Name == name);
        using var sp = Build(entry);
        var (request, _, _) = Request(NativeLightGbm.Binary.Model, "income");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Explain(sp, name, request, cts.Token));

        using var c = new ReferenceCase("mlp_tabular");
        var wrong = new ShapRequest { Model = c.Model, Data = request.Data };
        var ex = await Assert.ThrowsAsync<MissingCapabilityException>(() => Explain(sp, name, wrong));
        Assert.Contains("ITreeEnsembleModel", ex.Message);
    }

    private static (ShapRequest Request, int Rows, int Features) Request(string text, string label)
    {
        var model = LightGbmModel.FromString(text);
        var data = new AdultData(label, 40, skip: 6000);
        return (new ShapRequest { Model = model, Data = new NdArray<double>(data.X, 40, data.FeatureCount) }, 40, data.FeatureCount);
    }

    private static ServiceProvider Build(ConformanceTable.Entry entry) => OwnModelConfigurationTests.Build(entry);

    private static async Task<ShapExplanation> Explain(IServiceProvider sp, string name, ShapRequest request, CancellationToken ct = default) =>
        (ShapExplanation)await sp.GetRequiredService<IExplainerFactory>().Create(name).ExplainAsync(request, ct);
}
