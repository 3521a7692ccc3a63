using Interp.Explainers.Tensors;
using Xunit;

namespace Interp.Tests;

internal static class Assertions
{
    /// <summary>|actual − expected| ≤ abs + rel·|expected| elementwise, same shape.</summary>
    public static void Close(NdArray<float> expected, NdArray<float> actual, double abs, double rel, string what)
    {
        Assert.Equal(expected.ShapeArray, actual.ShapeArray);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(expected.Data[i] - actual.Data[i]);
            double excess = diff - (abs + rel * Math.Abs(expected.Data[i]));
            if (excess > worst)
            {
                worst = excess;
                worstAt = i;
            }
        }

        Assert.True(worstAt < 0, worstAt < 0 ? "" : $"{what}: element {worstAt} expected {expected.Data[worstAt]:R}, got {actual.Data[worstAt]:R} (tolerance abs {abs} + rel {rel}).");
    }
}
