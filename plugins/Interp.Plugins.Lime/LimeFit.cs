using System.Runtime.CompilerServices;
using Interp.Explainers.Toolkit.Numerics;

[assembly: InternalsVisibleTo("Interp.Tests")]

namespace Interp.Plugins.Lime;

/// <summary>
/// The pieces of LIME that do not touch the model, kept apart so tests can feed them recorded draws: mapping mask
/// ids to interpretable features, drawing the binary samples, building perturbed inputs, the cosine kernel, and the
/// surrogate fit.
/// </summary>
internal static class LimeFit
{
    /// <summary>
    /// Maps each scalar's group id to a feature index: the sorted distinct ids become 0..G−1.
    /// </summary>
    /// <param name="mask">Group id per scalar of one example.</param>
    /// <param name="groups">G, the number of distinct ids.</param>
    /// <returns>The feature index of each scalar.</returns>
    public static int[] GroupIndex(ReadOnlySpan<int> mask, out int groups)
    {
        var ids = mask.ToArray().Distinct().Order().ToArray();
        var position = new Dictionary<int, int>(ids.Length);
        for (int g = 0; g < ids.Length; g++) position[ids[g]] = g;
        var index = new int[mask.Length];
        for (int i = 0; i < mask.Length; i++) index[i] = position[mask[i]];
        groups = ids.Length;
        return index;
    }

    /// <summary>
    /// The seed of example <paramref name="example"/>'s draws: a SplitMix64 mix of the run's seed and the example
    /// index, so examples draw independent streams and the result does not depend on batching.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="example">The example index.</param>
    public static int ExampleSeed(int seed, int example)
    {
        ulong z = unchecked((((ulong)(uint)seed << 32) | (uint)example) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }

    /// <summary>
    /// Draws <paramref name="samples"/> binary vectors z ~ Bernoulli(0.5) per feature (Captum's default
    /// <c>perturb_func</c>), row-major [samples × groups], as 0f/1f.
    /// </summary>
    /// <param name="seed">Seed of <see cref="Random"/>.</param>
    /// <param name="samples">Number of vectors.</param>
    /// <param name="groups">Features per vector.</param>
    public static float[] DrawSamples(int seed, int samples, int groups)
    {
        var random = new Random(seed);
        var z = new float[checked(samples * groups)];
        for (int k = 0; k < z.Length; k++) z[k] = random.NextDouble() < 0.5 ? 1f : 0f;
        return z;
    }

    /// <summary>
    /// Captum's <c>from_interp_rep_transform</c>: x′ = z[mask]·x + (1 − z[mask])·baseline, in float32.
    /// </summary>
    /// <param name="input">The example x.</param>
    /// <param name="baseline">Its baseline.</param>
    /// <param name="groupIndex">Feature index per scalar (<see cref="GroupIndex"/>).</param>
    /// <param name="sample">One interpretable sample z (G values).</param>
    /// <param name="destination">Receives x′.</param>
    public static void Perturb(ReadOnlySpan<float> input, ReadOnlySpan<float> baseline, ReadOnlySpan<int> groupIndex, ReadOnlySpan<float> sample, Span<float> destination)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float z = sample[groupIndex[i]];
            destination[i] = z * input[i] + (1f - z) * baseline[i];
        }
    }

    /// <summary>
    /// The similarity weight of a perturbed input (Captum's <c>get_exp_kernel_similarity_function('cosine')</c>):
    /// d = 1 − cos(x, x′) on the flattened inputs, cos = x·x′ / max(‖x‖·‖x′‖, 1e-8) evaluated in float32 as torch's
    /// <c>CosineSimilarity</c>, then w = exp(−d²/(2·width²)) in double, returned as float.
    /// </summary>
    /// <param name="input">The example x.</param>
    /// <param name="perturbed">A perturbed copy x′.</param>
    /// <param name="kernelWidth">The kernel width (&gt; 0).</param>
    public static float KernelWeight(ReadOnlySpan<float> input, ReadOnlySpan<float> perturbed, double kernelWidth)
    {
        double dot = 0, inputNorm2 = 0, perturbedNorm2 = 0;
        for (int i = 0; i < input.Length; i++)
        {
            dot += (double)input[i] * perturbed[i];
            inputNorm2 += (double)input[i] * input[i];
            perturbedNorm2 += (double)perturbed[i] * perturbed[i];
        }

        float denominator = MathF.Max((float)Math.Sqrt(inputNorm2) * (float)Math.Sqrt(perturbedNorm2), 1e-8f);
        float cosine = (float)dot / denominator;
        float distance = 1f - cosine;
        return (float)Math.Exp(-((double)distance * distance) / (2.0 * kernelWidth * kernelWidth));
    }

    /// <summary>The kernel weight of every sample of one example.</summary>
    /// <param name="input">The example x.</param>
    /// <param name="baseline">Its baseline.</param>
    /// <param name="groupIndex">Feature index per scalar.</param>
    /// <param name="samples">Interpretable samples, row-major [S × G].</param>
    /// <param name="groups">G.</param>
    /// <param name="kernelWidth">The kernel width.</param>
    public static float[] KernelWeights(ReadOnlySpan<float> input, ReadOnlySpan<float> baseline, ReadOnlySpan<int> groupIndex, ReadOnlySpan<float> samples, int groups, double kernelWidth)
    {
        int count = samples.Length / groups;
        var weights = new float[count];
        var perturbed = new float[input.Length];
        for (int s = 0; s < count; s++)
        {
            Perturb(input, baseline, groupIndex, samples.Slice(s * groups, groups), perturbed);
            weights[s] = KernelWeight(input, perturbed, kernelWidth);
        }

        return weights;
    }

    /// <summary>
    /// Fits the surrogate on one example's draws: the weighted Lasso (α &gt; 0) or weighted least squares (α = 0) of
    /// the model outputs on the interpretable samples, in double precision, converged tightly.
    /// </summary>
    /// <param name="samples">Interpretable samples, row-major [S × G].</param>
    /// <param name="groups">G.</param>
    /// <param name="outputs">f(x′)[target] per sample.</param>
    /// <param name="weights">Kernel weight per sample.</param>
    /// <param name="alpha">The Lasso penalty (0 = least squares).</param>
    public static WeightedLassoResult Fit(ReadOnlySpan<float> samples, int groups, ReadOnlySpan<float> outputs, ReadOnlySpan<float> weights, double alpha)
    {
        var x = new double[samples.Length];
        for (int k = 0; k < x.Length; k++) x[k] = samples[k];
        var y = new double[outputs.Length];
        for (int k = 0; k < y.Length; k++) y[k] = outputs[k];
        var w = new double[weights.Length];
        for (int k = 0; k < w.Length; k++) w[k] = weights[k];
        return WeightedLasso.Fit(x, groups, y, w, alpha);
    }
}
