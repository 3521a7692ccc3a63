namespace Interp.Explainers.Attribution.Shapley;

/// <summary>
/// One <see cref="Random"/> per example, seeded in turn from a master generator seeded with the run's seed: the
/// draws of example n are fixed by the seed and n alone.
/// </summary>
internal static class ExampleStreams
{
    /// <summary>A generator per example.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="examples">Number of examples.</param>
    public static Random[] Create(int seed, int examples)
    {
        var master = new Random(seed);
        var streams = new Random[examples];
        for (int n = 0; n < examples; n++) streams[n] = new Random(master.Next());
        return streams;
    }

    /// <summary>A uniformly random permutation of 0..<paramref name="count"/>−1 (Fisher–Yates).</summary>
    /// <param name="random">The generator.</param>
    /// <param name="count">Length.</param>
    public static int[] Permutation(Random random, int count)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
