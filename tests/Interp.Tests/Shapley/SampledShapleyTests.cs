using Interp.Explainers.Attribution.PermutationShap;
using Interp.Explainers.Attribution.ShapleyValueSampling;
using Interp.Explainers.Explanations;
using Interp.Explainers.Requests;
using Xunit;

namespace Interp.Tests.Shapley;

/// <summary>ShapleyValueSampling and PermutationShap: exactly efficient, and close to <c>shapley_exact</c> with many samples.</summary>
public sealed class SampledShapleyTests
{
    public static TheoryData<string, string> Methods()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ShapleyChecks.Cases)
        {
            data.Add("ShapleyValueSampling", c);
            data.Add("PermutationShap", c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task AFewSamplesAreAlreadyExactlyEfficient(string method, string caseName)
    {
        using var c = new ReferenceCase(caseName);
        var e = await Explain(method, c.Request, samples: 5);
        ShapleyChecks.Efficient(c, e, 1e-5);
    }

    [Theory]
    [InlineData("ShapleyValueSampling")]
    [InlineData("PermutationShap")]
    public async Task TwoThousandSamplesApproachShapleyExact(string method)
    {
        using var c = new ReferenceCase("mlp_tabular");
        var e = await Explain(method, c.Request, samples: 2000);
        ShapleyChecks.Efficient(c, e, 1e-5);
        double diff = ShapleyChecks.MaxDiff(ShapleyChecks.ExpectedGroups(c, "shapley_exact"), ShapleyChecks.Groups(e));
        Assert.True(diff <= 0.01, $"{method}: max |φ − shapley_exact| = {diff}");
    }

    [Fact]
    public async Task CaptumsOwnDrawsAreEfficientToo()
    {
        // Record only: Captum's permutations came from torch's generator, so only efficiency is comparable.
        using var c = new ReferenceCase("mlp_tabular");
        ShapleyChecks.Efficient(c, ShapleyChecks.ExpectedGroups(c, "shapley_value_sampling"), 1e-5);
    }

    internal static Task<AttributionExplanation> Explain(string method, AttributionRequest request, int samples) => method switch
    {
        "ShapleyValueSampling" => new ShapleyValueSampling(new ShapleyValueSamplingOptions { Samples = samples, Seed = 7 }).ExplainAsync(request),
        "PermutationShap" => new PermutationShap(new PermutationShapOptions { MaxEvals = samples * 17, Seed = 7 }).ExplainAsync(request),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
