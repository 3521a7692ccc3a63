using Interp.Explainers;
using Interp.Explainers.Attribution.FeatureAblation;
using Interp.Explainers.Attribution.Occlusion;
using Interp.Explainers.Requests;
using Xunit;

namespace Interp.Tests.Attribution;

/// <summary>FeatureAblation and Occlusion against Captum 0.8.0's numbers in shared/reference (abs 1e-5 + rel 1e-4).</summary>
public sealed class PerturbationReferenceTests
{
    private const double Abs = 1e-5;
    private const double Rel = 1e-4;

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public async Task FeatureAblationPerScalarMatchesCaptum(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        var explanation = await new FeatureAblation(new FeatureAblationOptions()).ExplainAsync(c.Request);
        var expected = ReferenceCase.Floats(c.Method("feature_ablation").GetProperty("attributions"));
        Assertions.Close(expected, explanation.Attributions, Abs, Rel, $"{caseName} feature_ablation");
    }

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public async Task FeatureAblationGroupedMatchesCaptum(string caseName)
    {
        using var c = new ReferenceCase(caseName);

        // feature_ablation_grouped used params.feature_mask, which is inputs.json grouped_mask for both cases.
        var explanation = await new FeatureAblation(new FeatureAblationOptions { Mask = MaskKind.Grouped }).ExplainAsync(c.Request);
        var expected = ReferenceCase.Floats(c.Method("feature_ablation_grouped").GetProperty("attributions"));
        Assertions.Close(expected, explanation.Attributions, Abs, Rel, $"{caseName} feature_ablation_grouped");
    }

    [Theory]
    [InlineData("mlp_tabular")]
    [InlineData("cnn_tiny")]
    public async Task EveryOcclusionSettingMatchesCaptum(string caseName)
    {
        using var c = new ReferenceCase(caseName);
        var entries = c.Method("occlusion").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var p = entry.GetProperty("params");
            var options = new OcclusionOptions
            {
                SlidingWindowShapes = p.GetProperty("sliding_window_shapes").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
                Strides = p.GetProperty("strides").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
            };
            var explanation = await new Occlusion(options).ExplainAsync(c.Request);
            Assertions.Close(ReferenceCase.Floats(entry.GetProperty("attributions")), explanation.Attributions, Abs, Rel,
                $"{caseName} occlusion window [{string.Join(",", options.SlidingWindowShapes)}] stride [{string.Join(",", options.Strides)}]");
        }
    }

    [Fact]
    public async Task FeatureAblationWithEveryScalarInOneGroupGivesTheTotalDrop()
    {
        // Invariant: ablating everything at once moves the input to the baseline, so the single group's
        // attribution equals f(x) − f(baseline) per example.
        using var c = new ReferenceCase("mlp_tabular");
        var oneGroup = new Interp.Explainers.Tensors.NdArray<int>(new int[8], 1, 8);
        var request = new AttributionRequest
        {
            Model = c.Model,
            Inputs = c.Request.Inputs,
            Baselines = c.Request.Baselines,
            Targets = c.Request.Targets,
            FeatureMask = oneGroup,
        };
        var explanation = await new FeatureAblation(new FeatureAblationOptions { Mask = MaskKind.Feature }).ExplainAsync(request);
        var completeness = c.Expected.RootElement.GetProperty("completeness");
        var fx = completeness.GetProperty("f_x").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var fb = completeness.GetProperty("f_baseline").GetDouble();
        for (int n = 0; n < 3; n++)
        {
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(fx[n] - fb, explanation.Attributions.Row(n)[i], 5);
            }
        }
    }
}
