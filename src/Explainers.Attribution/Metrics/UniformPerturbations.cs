namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Independent U(−r, r) noise per scalar (the default of <see cref="SensitivityMax"/>), seeded.</summary>
/// <param name="radius">r.</param>
/// <param name="seed">Seed; the same seed gives the same draws.</param>
public sealed class UniformPerturbations(double radius, int seed) : IPerturbationSource
{
    /// <inheritdoc />
    public void Fill(int example, int draw, ReadOnlySpan<float> input, Span<float> perturbation)
    {
        var rng = SeededDraws.For(seed, example, draw);
        for (int i = 0; i < perturbation.Length; i++) perturbation[i] = (float)(radius * ((2 * rng.NextDouble()) - 1));
    }
}
