using Interp.Backends.TorchSharp;
using Interp.Sae.Training;

namespace Interp.Sae.Evaluation;

/// <summary>
/// Computes <see cref="SaeMetrics"/> by streaming batches of activations through an SAE (accumulated in float64,
/// constant memory in the number of batches).
/// </summary>
public static class SaeEvaluator
{
    /// <summary>Density above which a feature counts as dense (fires on more than 10% of tokens).</summary>
    public const double DefaultDenseThreshold = 0.1;

    /// <summary>Evaluates <paramref name="sae"/> on <paramref name="batches"/> (each <c>[n, d_in]</c>).</summary>
    /// <param name="sae">The SAE.</param>
    /// <param name="batches">Activations.</param>
    /// <param name="denseThreshold">The dense-feature density threshold.</param>
    /// <param name="histogramBins">Bins of the density histogram.</param>
    public static SaeMetrics Evaluate(SparseAutoencoder sae, IEnumerable<Tensor> batches, double denseThreshold = DefaultDenseThreshold, int histogramBins = 50)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(batches);
        TorchRuntime.ApplyThreads();
        int d = sae.Config.DIn, dSae = sae.Config.DSae;
        var fired = new long[dSae];
        var sum = new double[d];
        double sumSq = 0, rss = 0, activeCount = 0;
        long tokens = 0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = batch.reshape(-1, d).to(ScalarType.Float32);
            var f = sae.Encode(x);
            var xHat = sae.Decode(f);
            var active = f.gt(0);
            activeCount += active.sum().item<long>();
            var perFeature = active.sum([0L], type: ScalarType.Int64).data<long>().ToArray();
            for (int j = 0; j < dSae; j++) fired[j] += perFeature[j];
            var xd = x.to(ScalarType.Float64);
            rss += (xd - xHat.to(ScalarType.Float64)).pow(2).sum().item<double>();
            sumSq += xd.pow(2).sum().item<double>();
            var colSum = xd.sum([0L]).data<double>().ToArray();
            for (int j = 0; j < d; j++) sum[j] += colSum[j];
            tokens += x.shape[0];
        }

        if (tokens == 0) throw new ArgumentException("No activations to evaluate.", nameof(batches));
        double tss = sumSq - sum.Sum(s => s * s) / tokens;
        var density = fired.Select(c => c / (double)tokens).ToArray();
        return new SaeMetrics(
            activeCount / tokens,
            rss / ((double)tokens * d),
            tss > 0 ? 1 - rss / tss : double.NaN,
            density.Count(p => p <= 1e-8),
            density.Count(p => p > denseThreshold),
            density,
            FeatureDensityHistogram.From(density, histogramBins),
            tokens);
    }

    /// <summary>Evaluates on <paramref name="batchCount"/> batches of <paramref name="batchSize"/> rows drawn from a batch source.</summary>
    /// <param name="sae">The SAE.</param>
    /// <param name="source">The activations (its position advances).</param>
    /// <param name="batchCount">Batches.</param>
    /// <param name="batchSize">Rows per batch.</param>
    public static SaeMetrics Evaluate(SparseAutoencoder sae, ITrainingBatchSource source, int batchCount, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(source);
        return Evaluate(sae, Enumerable.Range(0, batchCount).Select(_ => tensor(source.NextBatch(batchSize), [batchSize, source.DModel])));
    }
}
