using Interp.Explainers;
using Interp.Explainers.Attribution.FeaturePermutation;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Xunit;

namespace Interp.Tests.Shapley;

/// <summary>FeaturePermutation: f(x) − f(x with one feature shuffled across the batch).</summary>
public sealed class FeaturePermutationTests
{
    [Fact]
    public async Task EachAttributionIsTheDropWhenTheFeatureIsSwappedForAnotherExamples()
    {
        using var c = new ReferenceCase("mlp_tabular");
        var e = await new FeaturePermutation(new FeaturePermutationOptions { Seed = 3 }).ExplainAsync(c.Request);
        var x = (NdArray<float>)c.Request.Inputs[0];
        var fx = c.Model.Predict(c.Request.Inputs);
        int target = c.Request.Targets![0];

        // Check against a brute force over every source example: each attribution must be one of the candidates.
        for (int n = 0; n < 3; n++)
        {
            for (int i = 0; i < 8; i++)
            {
                var candidates = Enumerable.Range(0, 3).Select(source =>
                {
                    var row = x.Row(n).ToArray();
                    row[i] = x.Row(source)[i];
                    return fx.Data[n * 3 + target] - c.Model.Predict([new NdArray<float>(row, 1, 8)]).Data[target];
                });
                float got = e.Attributions.Row(n)[i];
                Assert.Contains(candidates, v => Math.Abs(v - got) <= 1e-6);
            }
        }
    }

    [Fact]
    public async Task OneExampleIsRefused()
    {
        using var c = new ReferenceCase("mlp_tabular");
        var x = (NdArray<float>)c.Request.Inputs[0];
        var request = new AttributionRequest { Model = c.Model, Inputs = [x.RowArray(0).Reshape(1, 8)], Targets = c.Request.Targets };
        var ex = await Assert.ThrowsAsync<InterpException>(() => new FeaturePermutation(new FeaturePermutationOptions()).ExplainAsync(request));
        Assert.Contains("at least 2 examples", ex.Message);
    }
}
