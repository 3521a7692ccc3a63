namespace Interp.Sae.Evaluation;

/// <summary>
/// The feature density histogram (SAELens logs it as <c>log_feature_density</c>): counts of features by
/// log10(density + 1e-10), in equal-width bins from <see cref="Min"/> to <see cref="Max"/>. Dead features fall in
/// the first bin (log10 1e-10 = −10).
/// </summary>
/// <param name="Min">Lower edge (log10 density).</param>
/// <param name="Max">Upper edge (log10 density).</param>
/// <param name="Counts">Features per bin.</param>
public sealed record FeatureDensityHistogram(double Min, double Max, IReadOnlyList<int> Counts)
{
    /// <summary>Bins the log10 densities of <paramref name="densities"/> into <paramref name="bins"/> bins over [−10, 0].</summary>
    /// <param name="densities">Per-feature firing fractions.</param>
    /// <param name="bins">Bin count.</param>
    public static FeatureDensityHistogram From(IReadOnlyList<double> densities, int bins = 50)
    {
        ArgumentNullException.ThrowIfNull(densities);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        const double min = -10, max = 0;
        var counts = new int[bins];
        foreach (var d in densities)
        {
            double v = Math.Log10(d + 1e-10);
            int b = (int)Math.Floor((v - min) / (max - min) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }

        return new FeatureDensityHistogram(min, max, counts);
    }
}
