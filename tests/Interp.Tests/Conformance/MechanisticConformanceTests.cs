using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
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
        var first = await Explain(sp, name, _g.Patching());
        var second = await Explain(sp, name, _g.Patching());
        Assert.Equal(ExplainerLevel.Mechanistic, first.Level);
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        Core.Envelope.ExplanationFile.Write(first, a);
        Core.Envelope.ExplanationFile.Write(second, b);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.True(a.Length > 100);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.MechanisticNames), MemberType = typeof(ConformanceTable))]
    public async Task HonoursCancellationAndNamesAMissingCapability(string name)
    {
        using var sp = Build(name);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Explain(sp, name, _g.Patching(), cts.Token));

        using var c = new ReferenceCase("mlp_tabular");
        var ex = await Assert.ThrowsAsync<MissingCapabilityException>(() => Explain(sp, name, new PromptRequest { Model = c.Model, Tokens = [1, 2] }));
        Assert.Contains(name, ex.Message);
    }

    [Theory]
    [MemberData(nameof(ConformanceTable.MechanisticNames), MemberType = typeof(ConformanceTable))]
    public async Task LeavesNoHookBehindAfterAFailure(string name)
    {
        using var sp = Build(name);
        var bad = new PromptRequest { Model = _g.Model, Tokens = _g.Tokens, CorruptedTokens = _g.CorruptedTokens, AnswerToken = 100_000, WrongToken = 100_001 };
        try
        {
            await Explain(sp, name, bad);
        }
        catch (InterpException)
        {
            // Explainers that use the answer token reject it; the others succeed. Either way no hook may remain.
        }

        Assert.All(_g.Model.Transformer.HookPoints, h => Assert.Equal(0, h.HookCount));
    }

    private static ServiceProvider Build(string name) => OwnModelConfigurationTests.Build(ConformanceTable.MechanisticEntries.Single(e => e.Name == name));

    private static Task<Explanation> Explain(IServiceProvider sp, string name, PromptRequest request, CancellationToken ct = default) =>
        sp.GetRequiredService<IExplainerFactory>().Create(name).ExplainAsync(request, ct);
}
