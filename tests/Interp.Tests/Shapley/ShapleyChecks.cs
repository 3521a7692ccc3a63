using Interp.Explainers.Explanations;
using Interp.Explainers.Tensors;
using Xunit;

namespace Interp.Tests.Shapley;

/// <summary>Shared checks of the Shapley tests: reference entries, efficiency, the players' values.</summary>
internal static class ShapleyChecks
{
    public const double Abs = 1e-5;
    public const double Rel = 1e-4;

    public static readonly string[] Cases = ["mlp_tabular", "cnn_tiny"];

    /// <summary>The group values φ [N, G] of an explanation.</summary>
    public static NdArray<float> Groups(AttributionExplanation e) => e.Extras["group_attributions"];

    /// <summary>The reference entry's group values [N, G].</summary>
    public static NdArray<float> ExpectedGroups(ReferenceCase c, string method) => ReferenceCase.Floats(c.Method(method).GetProperty("group_attributions"));

    /// <summary>Σφ = f(x) − f(baseline) per example (shared/reference completeness), within <paramref name="tolerance"/>.</summary>
    public static void Efficient(ReferenceCase c, AttributionExplanation e, double tolerance) => Efficient(c, Groups(e), tolerance);

    /// <summary>Σφ = f(x) − f(baseline) per example for group values [N, G].</summary>
    public static void Efficient(ReferenceCase c, NdArray<float> groups, double tolerance)
    {
        var completeness = c.Expected.RootElement.GetProperty("completeness");
        var fx = completeness.GetProperty("f_x").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        double fb = completeness.GetProperty("f_baseline").GetDouble();
        for (int n = 0; n < fx.Length; n++)
        {
            double sum = 0;
            foreach (var v in groups.Row(n)) sum += v;
            Assert.True(Math.Abs(sum - (fx[n] - fb)) <= tolerance, $"{c.Name} example {n}: Σφ = {sum:R}, f(x) − f(b) = {fx[n] - fb:R}");
        }
    }

    /// <summary>Largest |a − b| elementwise.</summary>
    public static double MaxDiff(NdArray<float> a, NdArray<float> b)
    {
        Assert.Equal(a.ShapeArray, b.ShapeArray);
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a.Data[i] - b.Data[i]));
        return worst;
    }

    /// <summary>Checks the explanation against <c>shapley_exact</c> (per scalar and per group).</summary>
    public static void MatchesExact(ReferenceCase c, AttributionExplanation e, string what)
    {
        Assertions.Close(ReferenceCase.Floats(c.Method("shapley_exact").GetProperty("attributions")), e.Attributions, Abs, Rel, $"{c.Name} {what} vs shapley_exact");
        Assertions.Close(ExpectedGroups(c, "shapley_exact"), Groups(e), Abs, Rel, $"{c.Name} {what} groups vs shapley_exact");
    }
}
