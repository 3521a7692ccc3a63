using Interp.Explainers;
using Interp.Explainers.Requests;
using Interp.Tests.Mechanistic;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>
/// The cross-cutting checks for mechanistic explainers (<see cref="ConformanceTable.MechanisticEntries"/>) on gpt2_tiny:
/// deterministic, the envelope writes, cancellation honoured, a model without hooks named as lacking the capability,
/// and no hook left on the model after a failing run.
/// </summary>
public sealed class MechanisticConformanceTests : IDisposable
{
    private readonly Gpt2Tiny _g = new();

    public void Dispose() => _g.Dispose();

    [Theory]
    [MemberData(nameof(ConformanceTable.MechanisticNames), MemberType = typeof(ConformanceTable))]
    public async Task DeterministicAndWritesItsEnvelope(string name)
    {
        using var sp = Build(name);
        await HookedConformanceChecks.DeterministicAndWritesItsEnvelope(sp, name, ExplainerLevel.Mechanistic, () => _g.Patching());
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.MechanisticNames), MemberType = typeof(ConformanceTable))]
    public async Task HonoursCancellationAndNamesAMissingCapability(string name)
    {
        using var sp = Build(name);
        await HookedConformanceChecks.HonoursCancellationAndNamesAMissingCapability(sp, name, model => new PromptRequest { Model = model, Tokens = _g.Tokens, CorruptedTokens = _g.CorruptedTokens }, _g.Model);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.MechanisticNames), MemberType = typeof(ConformanceTable))]
    public async Task LeavesNoHookBehindAfterAFailure(string name)
    {
        using var sp = Build(name);
        var bad = new PromptRequest { Model = _g.Model, Tokens = _g.Tokens, CorruptedTokens = _g.CorruptedTokens, AnswerToken = 100_000, WrongToken = 100_001 };
        try
        {
            await HookedConformanceChecks.Explain(sp, name, bad);
        }
        catch (InterpException)
        {
            // Explainers that use the answer token reject it; the others succeed. Either way no hook may remain.
        }

        HookedConformanceChecks.NoHookLeft(_g.Model.Transformer);
    }

    private static ServiceProvider Build(string name) => OwnModelConfigurationTests.Build(ConformanceTable.MechanisticEntries.Single(e => e.Name == name));
}
