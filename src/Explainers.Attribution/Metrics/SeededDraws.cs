namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// A generator per (seed, example, draw), so a seeded metric draws the same perturbations whatever the batching or
/// the order in which rows are filled, in every process (a SplitMix64 mix, not the per-process randomized HashCode).
/// </summary>
internal static class SeededDraws
{
    public static Random For(int seed, int example, int draw)
    {
        ulong z = unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + ((ulong)(uint)example * 0xBF58476D1CE4E5B9UL) + ((ulong)(uint)draw * 0x94D049BB133111EBUL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random((int)(z >> 33));
    }
}
