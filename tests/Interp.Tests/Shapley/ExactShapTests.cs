using Interp.Explainers;
using Interp.Explainers.Attribution.ExactShap;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Xunit;

namespace Interp.Tests.Shapley;

/// <summary>ExactShap against the brute-force <c>shapley_exact</c> and shap's <c>shap_exact</c>, plus its limits.</summary>
public sealed class ExactShapTests
{
    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public async Task EqualsShapleyExactAndShapExactAndIsEfficient(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        var e = await new ExactShap(new ExactShapOptions()).ExplainAsync(c.Request);
        ShapleyChecks.MatchesExact(c, e, "ExactShap");
        Assertions.Close(ShapleyChecks.ExpectedGroups(c, "shap_exact"), ShapleyChecks.Groups(e), ShapleyChecks.Abs, ShapleyChecks.Rel, $"{caseName} ExactShap vs shap_exact");
        ShapleyChecks.Efficient(c, e, 1e-5);
        Assert.All(e.ConvergenceDelta!, d => Assert.True(Math.Abs(d) < 1e-6, $"delta {d}"));
    }

    [Fact]
    public async Task RefusesMoreThanTwentyPlayersAndSuggestsAlternatives()
    {
        using var c = new ReferenceCase("cnn_tiny");
        var ex = await Assert.ThrowsAsync<InterpException>(() => new ExactShap(new ExactShapOptions { Mask = MaskKind.None }).ExplainAsync(c.Request));
        Assert.Contains("64 players", ex.Message);
        Assert.Contains("kernel-shap", ex.Message);
        Assert.Contains("permutation-shap", ex.Message);
    }

    [Fact]
    public async Task RejectsAnEmptyBackgroundOrOneOfTheWrongWidth()
    {
        using var c = new ReferenceCase("mlp_tabular");
        var empty = Request(c, new NdArray<float>([], 0, 8));
        Assert.Contains("empty", (await Assert.ThrowsAsync<InterpException>(() => new ExactShap(new ExactShapOptions()).ExplainAsync(empty))).Message);
        var narrow = Request(c, new NdArray<float>(new float[14], 2, 7));
        Assert.Contains("baselines", (await Assert.ThrowsAsync<InterpException>(() => new ExactShap(new ExactShapOptions()).ExplainAsync(narrow))).Message);
    }

    [Fact]
    public async Task ABackgroundOfSeveralRowsIsTheMeanGame()
    {
        // Linearity in the background: the game against {b1, b2} is the average of the games against b1 and b2.
        using var c = new ReferenceCase("mlp_tabular");
        var b1 = new float[8];
        var b2 = Enumerable.Range(0, 8).Select(i => 0.1f * i - 0.3f).ToArray();
        var explainer = new ExactShap(new ExactShapOptions());
        var both = await explainer.ExplainAsync(Request(c, new NdArray<float>([.. b1, .. b2], 2, 8)));
        var one = await explainer.ExplainAsync(Request(c, new NdArray<float>(b1, 1, 8)));
        var two = await explainer.ExplainAsync(Request(c, new NdArray<float>(b2, 1, 8)));
        var mean = new NdArray<float>(one.Attributions.Data.Zip(two.Attributions.Data, (a, b) => (a + b) / 2).ToArray(), one.Attributions.ShapeArray);
        Assertions.Close(mean, both.Attributions, 1e-6, 1e-5, "background of two rows");
    }

    internal static AttributionRequest Request(ReferenceCase c, NdArray<float> background) => new()
    {
        Model = c.Model,
        Inputs = c.Request.Inputs,
        Baselines = background,
        Targets = c.Request.Targets,
    };
}
