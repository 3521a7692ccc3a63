using Interp.Explainers.Attribution.GradientShap;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>Independent N(0, σ²) noise per scalar (the default of <see cref="Infidelity"/>), seeded.</summary>
/// <param name="stdev">σ.</param>
/// <param name="seed">Seed; the same seed gives the same draws.</param>
public sealed class GaussianPerturbations(double stdev, int seed) : IPerturbationSource
{
    /// <inheritdoc />
    public void Fill(int example, int draw, ReadOnlySpan<float> input, Span<float> perturbation)
    {
        var rng = SeededDraws.For(seed, example, draw);
        for (int i = 0; i < perturbation.Length; i++) perturbation[i] = (float)(stdev * GradientShapDraws.Gaussian(rng));
    }
}
