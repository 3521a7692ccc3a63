using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Tests.Sae;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>
/// The cross-cutting checks for concept explainers (<see cref="ConformanceTable.SaeEntries"/>) on stories260K:
/// deterministic, the envelope writes, cancellation honoured, a model without hooks named as lacking the capability,
/// and no hook left on the model after a failing run.
/// </summary>
public sealed class SaeConformanceTests : IDisposable
{
    private readonly StoriesKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Theory]
    [MemberData(nameof(ConformanceTable.SaeNames), MemberType = typeof(ConformanceTable))]
    public async Task DeterministicAndWritesItsEnvelope(string name)
    {
        using var sp = Build(name);
        await HookedConformanceChecks.DeterministicAndWritesItsEnvelope(sp, name, ExplainerLevel.Concept, () => Request(name, _kit.Model));
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.SaeNames), MemberType = typeof(ConformanceTable))]
    public async Task HonoursCancellationAndNamesAMissingCapability(string name)
    {
        using var sp = Build(name);
        await HookedConformanceChecks.HonoursCancellationAndNamesAMissingCapability(sp, name, model => Request(name, model), _kit.Model);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.SaeNames), MemberType = typeof(ConformanceTable))]
    public async Task LeavesNoHookBehindAfterAFailure(string name)
    {
        using var sp = Build(name);
        var bad = name == "SaeFeatures"
            ? new ConceptRequest { Model = _kit.Model, HookPoint = "blocks.0.mlp.hook_post", Tokens = [1, 400, 20], FeatureIndex = 100_000 }
            : new ConceptRequest { Model = _kit.Model, HookPoint = "blocks.0.hook_resid_post", Prompts = [[1, 2], [1, 3]], Labels = new NdArray<int>([0, 0], 2) };
        await Assert.ThrowsAsync<InterpException>(() => HookedConformanceChecks.Explain(sp, name, bad));
        HookedConformanceChecks.NoHookLeft(_kit.Model.Transformer);
    }

    private ConceptRequest Request(string name, Interp.Explainers.Models.IModel model)
    {
        var tok = _kit.Model.Tokenizer!;
        if (name == "SaeFeatures") return new ConceptRequest { Model = model, HookPoint = "blocks.0.mlp.hook_post", Tokens = tok.Encode("Once upon a time there was a cat", addBos: true) };
        var prompts = new[] { "The cat sat", "The dog ran", "A girl played", "A boy jumped", "The sun was hot", "The bird sang", "Mom smiled", "Tom was sad" }
            .Select(p => (IReadOnlyList<int>)tok.Encode(p, addBos: true)).ToList();
        return new ConceptRequest { Model = model, HookPoint = "blocks.1.hook_resid_post", Prompts = prompts, Labels = new NdArray<int>([0, 1, 0, 1, 0, 1, 0, 1], 8) };
    }

    private static ServiceProvider Build(string name) => OwnModelConfigurationTests.Build(ConformanceTable.SaeEntries.Single(e => e.Name == name));
}
