namespace Interp.Explainers.Attribution.GradientShap;

/// <summary>
/// The random draws of GradientShap, example-major (row j = n·K + k is draw k of example n): the baseline index,
/// the input noise and the interpolation coefficient of every point.
/// </summary>
/// <param name="BaselineIndices">Baseline row per draw.</param>
/// <param name="Noise">Noise per draw, one value per scalar of an example ([draws × example length]).</param>
/// <param name="Alphas">α per draw.</param>
public sealed record GradientShapDraws(int[] BaselineIndices, float[] Noise, float[] Alphas)
{
    /// <summary>Draws from a seeded generator: uniform baseline index, N(0, σ²) noise (Box–Muller), α ~ U(0, 1).</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="draws">Number of draws (examples × samples).</param>
    /// <param name="length">Scalars per example.</param>
    /// <param name="baselines">Baselines to choose from.</param>
    /// <param name="stdev">Noise standard deviation.</param>
    public static GradientShapDraws Sample(int seed, int draws, int length, int baselines, double stdev)
    {
        var rng = new Random(seed);
        var indices = Enumerable.Range(0, draws).Select(_ => rng.Next(baselines)).ToArray();
        var noise = new float[draws * length];
        if (stdev > 0)
        {
            for (int i = 0; i < noise.Length; i++) noise[i] = (float)(stdev * Gaussian(rng));
        }

        var alphas = Enumerable.Range(0, draws).Select(_ => (float)rng.NextDouble()).ToArray();
        return new GradientShapDraws(indices, noise, alphas);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    /// <param name="rng">The generator.</param>
    public static double Gaussian(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
