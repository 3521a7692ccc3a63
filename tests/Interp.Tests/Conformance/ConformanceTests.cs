using Interp.Core.Registry;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Interp.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>Cross-cutting checks every explainer in <see cref="ConformanceTable"/> must pass.</summary>
public sealed class ConformanceTests
{
    [Fact]
    public void EveryRegisteredExplainerIsInTheTable()
    {
        using var sp = HostTestKit.Build(HostTestKit.Config());
        var registered = sp.GetRequiredService<ExplainerRegistry>().All.Select(d => d.Name).Order().ToArray();
        Assert.Equal(ConformanceTable.Entries.Concat(ConformanceTable.TreeEntries).Concat(ConformanceTable.ModelEntries).Concat(ConformanceTable.MechanisticEntries).Concat(ConformanceTable.SaeEntries).Select(e => e.Name).Order().ToArray(), registered);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.Names), MemberType = typeof(ConformanceTable))]
    public void BindsFromConfigurationAndDeclaresItsLevel(string name)
    {
        var entry = ConformanceTable.Get(name);
        using var sp = Build(entry, entry.Case, (entry.Binds.Option, entry.Binds.Value));
        var explainer = sp.GetRequiredService<Interp.Explainers.Hosting.IExplainerFactory>().Create(name);
        Assert.Equal(entry.Level, explainer.Level);
        Assert.Equal(name, explainer.Name);
        var property = entry.Binds.Option.Split(':')[0];
        var value = explainer.Options.GetType().GetProperty(property)!.GetValue(explainer.Options);
        Assert.Equal(entry.Binds.Expected, value);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.Names), MemberType = typeof(ConformanceTable))]
    public void BadOptionsAreRejectedAtStart(string name)
    {
        var entry = ConformanceTable.Get(name);
        using var sp = Build(entry, entry.Case, (entry.Bad.Option, entry.Bad.Value));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.ValidateInterpConfiguration());
        Assert.Contains(entry.Bad.Option.Split(':')[0], ex.Message);
        Assert.Contains(name, ex.Message);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.Names), MemberType = typeof(ConformanceTable))]
    public async Task SameSeedGivesIdenticalOutput(string name)
    {
        var entry = ConformanceTable.Get(name);
        using var c = new ReferenceCase(entry.Case);
        using var sp = Build(entry, entry.Case);
        using var model = ModelFor(entry, entry.Case, c);
        var first = await Explain(sp, name, Request(c, model, seed: 42));
        var second = await Explain(sp, name, Request(c, model, seed: 42));
        Assert.Equal(first.Attributions.Data, second.Attributions.Data);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.Names), MemberType = typeof(ConformanceTable))]
    public async Task LocalAttributionsHaveTheInputsShape(string name)
    {
        using var c = new ReferenceCase("cnn_tiny");
        var entry = ConformanceTable.Get(name);
        using var sp = Build(entry, "cnn_tiny", name == "Occlusion" ? [("SlidingWindowShapes:0", "1"), ("SlidingWindowShapes:1", "3"), ("SlidingWindowShapes:2", "3")] : []);
        using var model = ModelFor(entry, "cnn_tiny", c);
        var explanation = await Explain(sp, name, Request(c, model, seed: 1));
        int[] expected = entry.CnnShape is { } layer ? [c.Request.Inputs[0].Shape[0], .. layer] : c.Request.Inputs[0].Shape.ToArray();
        Assert.Equal(expected, explanation.Attributions.Shape);
        Assert.All(explanation.Attributions.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.Names), MemberType = typeof(ConformanceTable))]
    public async Task CancellationAfterTheKthModelCallStopsWithinOneMoreBatch(string name)
    {
        const int k = 2;
        var entry = ConformanceTable.Get(name);
        using var c = new ReferenceCase(entry.Case);
        using var sp = Build(entry, entry.Case, ("PerturbationsPerEval", "2"));
        using var cts = new CancellationTokenSource();
        using var model = ModelFor(entry, entry.Case, c);
        var (counting, calls) = Counting(model, cts, k);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Explain(sp, name, Request(c, counting, seed: 3), cts.Token));
        Assert.InRange(calls(), k, k + 1);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.Names), MemberType = typeof(ConformanceTable))]
    public async Task EvaluatesInBatches(string name)
    {
        const int batch = 5;
        var entry = ConformanceTable.Get(name);
        using var c = new ReferenceCase(entry.Case);
        using var sp = Build(entry, entry.Case, ("PerturbationsPerEval", batch.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var model = ModelFor(entry, entry.Case, c);
        using var cts = new CancellationTokenSource();
        var (counting, _) = Counting(model, cts, int.MaxValue);
        var explanation = await Explain(sp, name, Tiled(Request(c, counting, seed: 3), 4));
        var (calls, rows, largest) = counting switch
        {
            CountingPredictor p => (p.Calls, p.Rows, p.LargestBatch),
            CountingDifferentiable d => (d.Calls, d.Rows, d.LargestBatch),
            _ => throw new InvalidOperationException(),
        };
        int examples = 4 * c.Request.Inputs[0].Shape[0];

        // Batched: every call but the last of each phase (f(x), f(baseline), the perturbed or interpolated rows) is full.
        int perturbed = rows - examples;
        Assert.True(perturbed > batch, $"{name} evaluated only {perturbed} perturbed rows");
        Assert.True(calls <= (int)Math.Ceiling(rows / (double)batch) + 3, $"{name}: {calls} calls for {rows} rows at batch {batch}");
        Assert.True(largest <= batch, $"{name}: a call of {largest} rows at batch {batch}");
        Assert.Equal(calls, explanation.ModelCalls!.Calls);
        Assert.Equal(rows, explanation.ModelCalls.Rows);
    }

    /// <summary>The request with its examples repeated <paramref name="times"/> times (enough rows for several batches).</summary>
    private static AttributionRequest Tiled(AttributionRequest r, int times)
    {
        var x = (Interp.Explainers.Tensors.NdArray<float>)r.Inputs[0];
        var rows = Enumerable.Range(0, times).SelectMany(_ => Enumerable.Range(0, x.Shape[0]).Select(x.RowArray)).ToList();
        return new AttributionRequest { Model = r.Model, Inputs = [Interp.Explainers.Tensors.NdArray<float>.Stack(rows)], Baselines = r.Baselines, Targets = r.Targets, FeatureMask = r.FeatureMask, GroupedMask = r.GroupedMask, Seed = r.Seed };
    }

    private static Interp.Explainers.Models.IModel ModelFor(ConformanceTable.Entry entry, string caseName, ReferenceCase c) =>
        entry.Gradients ? Interp.Importers.Onnx.OnnxImporter.Import(TestPaths.Reference(caseName, "model.onnx")) : new NonDisposing(c.Model);

    private static (Interp.Explainers.Models.IPredictor Model, Func<int> Calls) Counting(Interp.Explainers.Models.IModel model, CancellationTokenSource cts, int k)
    {
        if (model is Interp.Explainers.Models.IBackwardRules rules)
        {
            var d = new CountingDifferentiable(rules, cts, k);
            return (d, () => d.Calls);
        }

        var p = new CountingPredictor((Interp.Explainers.Models.IPredictor)model, cts, k);
        return (p, () => p.Calls);
    }

    /// <summary>The shared ONNX Runtime model of a case, which the case disposes.</summary>
    private sealed class NonDisposing(Interp.Explainers.Models.IPredictor inner) : Interp.Explainers.Models.IPredictor
    {
        public Interp.Explainers.Models.ModelSource Source => inner.Source;

        public IReadOnlyList<Interp.Explainers.Models.TensorSpec> Inputs => inner.Inputs;

        public Interp.Explainers.Models.TensorSpec Output => inner.Output;

        public Interp.Explainers.Tensors.NdArray<float> Predict(IReadOnlyList<Interp.Explainers.Tensors.INdArray> inputs, CancellationToken cancellationToken = default) => inner.Predict(inputs, cancellationToken);

        public void Dispose()
        {
        }
    }

    private static ServiceProvider Build(ConformanceTable.Entry entry, string caseName, params (string Option, string Value)[] settings)
    {
        var all = entry.Required.Where(r => settings.All(s => s.Option != r.Option)).Concat(settings);
        return HostTestKit.Build(HostTestKit.Config(all.Select(s => ($"Interp:Explainers:{entry.Name}:{s.Option}", (string?)s.Value.Replace(ConformanceTable.LayerPlaceholder, ConformanceTable.LayerOf(caseName), StringComparison.Ordinal))).ToArray()));
    }

    private static AttributionRequest Request(ReferenceCase c, Interp.Explainers.Models.IModel model, int seed) => new()
    {
        Model = model,
        Inputs = c.Request.Inputs,
        Baselines = c.Request.Baselines,
        Targets = c.Request.Targets,
        FeatureMask = c.Request.FeatureMask,
        GroupedMask = c.Request.GroupedMask,
        Seed = seed,
    };

    private static async Task<AttributionExplanation> Explain(IServiceProvider sp, string name, AttributionRequest request, CancellationToken ct = default)
    {
        IExplainer explainer = sp.GetRequiredService<Interp.Explainers.Hosting.IExplainerFactory>().Create(name);
        return (AttributionExplanation)await explainer.ExplainAsync(request, ct);
    }
}
