using System.Globalization;

namespace Interp.Sae;

/// <summary>
/// A seeded random generator (xoshiro256**, seeded through SplitMix64) whose whole state is four numbers, so a
/// checkpoint can save it and a resumed run continues the same stream bit for bit. Independent of libtorch's
/// generator and of the .NET version.
/// </summary>
public sealed class SaeRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="seed">The seed.</param>
    public SaeRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private SaeRandom(ulong s0, ulong s1, ulong s2, ulong s3) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    /// <summary>A generator for a named sub-stream of <paramref name="seed"/> (e.g. "init", "store").</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="stream">The stream's name.</param>
    public static SaeRandom ForStream(ulong seed, string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ulong h = 1469598103934665603UL;
        foreach (char c in stream)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        return new SaeRandom(seed ^ h);
    }

    /// <summary>The state as text (four hexadecimal words), for checkpoints.</summary>
    public string State => string.Create(CultureInfo.InvariantCulture, $"{_s0:x16}{_s1:x16}{_s2:x16}{_s3:x16}");

    /// <summary>Restores a generator saved with <see cref="State"/>.</summary>
    /// <param name="state">The saved state.</param>
    /// <exception cref="FormatException">Not a saved state.</exception>
    public static SaeRandom FromState(string state)
    {
        if (state is not { Length: 64 }) throw new FormatException("A SaeRandom state is 64 hexadecimal digits.");
        ulong Word(int i) => ulong.Parse(state.AsSpan(16 * i, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new SaeRandom(Word(0), Word(1), Word(2), Word(3));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) (unbiased).</summary>
    /// <param name="maxExclusive">The bound (positive).</param>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>A standard normal draw (Box–Muller; no cached spare, so the state stays four words).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="items">The items.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
