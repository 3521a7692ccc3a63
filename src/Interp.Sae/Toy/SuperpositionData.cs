using System.Globalization;
using Interp.Explainers;
using Interp.Sae.IO;
using Interp.Sae.Training;

namespace Interp.Sae.Toy;

/// <summary>
/// Synthetic superposition data with known ground truth: <c>n</c> features with random unit directions in
/// <c>d &lt; n</c> dimensions; in each row every feature is active independently with probability <c>p</c>, with a
/// magnitude uniform in [0, 1); the row is Σ magnitude · direction. An infinite, seeded, resumable batch source.
/// </summary>
public sealed class SuperpositionData : ITrainingBatchSource
{
    private readonly double _logOneMinusP;
    private SaeRandom _random;

    /// <summary>Creates the data set.</summary>
    /// <param name="features">n, the number of ground-truth features.</param>
    /// <param name="dims">d, the width of each row.</param>
    /// <param name="featureProbability">p, each feature's firing probability per row (0 &lt; p &lt; 1).</param>
    /// <param name="seed">Seed of the directions and of the rows.</param>
    public SuperpositionData(int features, int dims, double featureProbability, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dims);
        if (!(featureProbability > 0 && featureProbability < 1)) throw new ArgumentOutOfRangeException(nameof(featureProbability), "Feature probability must be in (0, 1).");
        Features = features;
        DModel = dims;
        FeatureProbability = featureProbability;
        Seed = seed;
        _logOneMinusP = Math.Log(1 - featureProbability);
        var directions = SaeRandom.ForStream(seed, "superposition.features");
        Directions = new float[features * dims];
        for (int i = 0; i < features; i++)
        {
            double norm = 0;
            var row = new double[dims];
            for (int j = 0; j < dims; j++)
            {
                row[j] = directions.NextGaussian();
                norm += row[j] * row[j];
            }

            for (int j = 0; j < dims; j++) Directions[i * dims + j] = (float)(row[j] / Math.Sqrt(norm));
        }

        _random = SaeRandom.ForStream(seed, "superposition.rows");
    }

    /// <summary>n.</summary>
    public int Features { get; }

    /// <inheritdoc />
    public int DModel { get; }

    /// <summary>p.</summary>
    public double FeatureProbability { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>The ground-truth directions, row-major [n, d], unit norm.</summary>
    public float[] Directions { get; }

    /// <inheritdoc />
    public string Fingerprint => string.Create(CultureInfo.InvariantCulture, $"superposition(n={Features},d={DModel},p={FeatureProbability:R},seed={Seed})");

    /// <inheritdoc />
    public float[] NextBatch(int rows)
    {
        var batch = new float[rows * DModel];
        for (int r = 0; r < rows; r++)
        {
            var row = batch.AsSpan(r * DModel, DModel);
            // Geometric skips between active features: the same law as n independent Bernoulli(p) draws.
            int i = Skip();
            while (i < Features)
            {
                float magnitude = (float)_random.NextDouble();
                var direction = Directions.AsSpan(i * DModel, DModel);
                for (int j = 0; j < DModel; j++) row[j] += magnitude * direction[j];
                i += 1 + Skip();
            }
        }

        return batch;
    }

    private int Skip()
    {
        double u = 1.0 - _random.NextDouble();
        double skip = Math.Floor(Math.Log(u) / _logOneMinusP);
        return skip > int.MaxValue / 2 ? int.MaxValue / 2 : (int)skip;
    }

    /// <inheritdoc />
    public BatchSourceState SaveState() =>
        new(nameof(SuperpositionData), new Dictionary<string, string> { ["rng"] = _random.State }, new Dictionary<string, NamedArray>());

    /// <inheritdoc />
    public void RestoreState(BatchSourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != nameof(SuperpositionData)) throw new InterpException($"The checkpoint's batch source is a {state.Kind}, not {nameof(SuperpositionData)}.");
        _random = SaeRandom.FromState(state.Values["rng"]);
    }
}
