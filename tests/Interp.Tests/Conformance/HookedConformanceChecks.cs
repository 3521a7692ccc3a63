using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Transformers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>The checks shared by the conformance tests of explainers on hooked transformers (mechanistic and concept level).</summary>
internal static class HookedConformanceChecks
{
    /// <summary>Two runs give byte-identical envelopes of the declared level.</summary>
    public static async Task DeterministicAndWritesItsEnvelope(IServiceProvider sp, string name, ExplainerLevel level, Func<ExplanationRequest> request)
    {
        var first = await Explain(sp, name, request());
        var second = await Explain(sp, name, request());
        Assert.Equal(level, first.Level);
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        Core.Envelope.ExplanationFile.Write(first, a);
        Core.Envelope.ExplanationFile.Write(second, b);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.True(a.Length > 100);
    }

    /// <summary>A cancelled token stops the run; a model without hooks is named as lacking the capability.</summary>
    public static async Task HonoursCancellationAndNamesAMissingCapability(IServiceProvider sp, string name, Func<IModel, ExplanationRequest> request, IModel hooked)
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Explain(sp, name, request(hooked), cts.Token));

        using var c = new ReferenceCase("mlp_tabular");
        var ex = await Assert.ThrowsAsync<MissingCapabilityException>(() => Explain(sp, name, request(c.Model)));
        Assert.Contains(name, ex.Message);
    }

    /// <summary>No hook point of <paramref name="transformer"/> holds a hook.</summary>
    public static void NoHookLeft(HookedTransformer transformer) => Assert.All(transformer.HookPoints, h => Assert.Equal(0, h.HookCount));

    /// <summary>Creates the explainer by name and runs it.</summary>
    public static Task<Explanation> Explain(IServiceProvider sp, string name, ExplanationRequest request, CancellationToken ct = default) =>
        sp.GetRequiredService<IExplainerFactory>().Create(name).ExplainAsync(request, ct);
}
