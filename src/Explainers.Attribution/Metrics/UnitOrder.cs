using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// The units (scalars, pixels, patches or mask groups) of one example in removal order: <see cref="Scalars"/> lists
/// the scalars unit by unit, and the first c units are <see cref="Scalars"/>[..<see cref="Prefix"/>[c]].
/// </summary>
internal sealed class UnitOrder
{
    private UnitOrder(int[] scalars, int[] prefix)
    {
        Scalars = scalars;
        Prefix = prefix;
    }

    public int[] Scalars { get; }

    public int[] Prefix { get; }

    public int Units => Prefix.Length - 1;

    /// <summary>The unit of each scalar of example <paramref name="example"/>, numbered 0..units−1.</summary>
    public static int[] UnitOf(AttributionSetup setup, DeletionInsertionOptions options, int example)
    {
        var raw = options.Unit switch
        {
            FeatureUnit.FeatureMask => setup.Mask(MaskKind.Feature, example),
            FeatureUnit.GroupedMask => setup.Mask(MaskKind.Grouped, example),
            FeatureUnit.Pixel => Spatial(setup.ExampleShape, options.ChannelsLast, 1),
            FeatureUnit.Patch => Spatial(setup.ExampleShape, options.ChannelsLast, options.PatchSize),
            _ => Enumerable.Range(0, setup.ExampleLength).ToArray(),
        };
        var dense = raw.Distinct().Order().Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        return raw.Select(id => dense[id]).ToArray();
    }

    /// <summary>Units ranked by their summed attribution, largest first (ties: lower unit first).</summary>
    public static UnitOrder ByAttribution(int[] unitOf, ReadOnlySpan<float> attributions, bool absolute)
    {
        int units = unitOf.Length == 0 ? 0 : unitOf.Max() + 1;
        var score = new double[units];
        for (int i = 0; i < unitOf.Length; i++) score[unitOf[i]] += absolute ? Math.Abs(attributions[i]) : attributions[i];
        var ranked = Enumerable.Range(0, units).OrderByDescending(u => score[u]).ThenBy(u => u).ToArray();
        return Build(unitOf, ranked);
    }

    /// <summary>Units in a random order drawn from <paramref name="rng"/>.</summary>
    public static UnitOrder Random(int[] unitOf, Random rng)
    {
        var order = Enumerable.Range(0, unitOf.Length == 0 ? 0 : unitOf.Max() + 1).ToArray();
        rng.Shuffle(order);
        return Build(unitOf, order);
    }

    private static UnitOrder Build(int[] unitOf, int[] ranked)
    {
        var rank = new int[ranked.Length];
        for (int r = 0; r < ranked.Length; r++) rank[ranked[r]] = r;
        var scalars = Enumerable.Range(0, unitOf.Length).OrderBy(i => rank[unitOf[i]]).ThenBy(i => i).ToArray();
        var prefix = new int[ranked.Length + 1];
        foreach (var u in unitOf) prefix[rank[u] + 1]++;
        for (int r = 0; r < ranked.Length; r++) prefix[r + 1] += prefix[r];
        return new UnitOrder(scalars, prefix);
    }

    /// <summary>Pixel (patch = 1) or patch id per scalar: channels dropped, the last two spatial axes tiled by <paramref name="patch"/>.</summary>
    private static int[] Spatial(int[] shape, bool channelsLast, int patch)
    {
        int len = shape.Aggregate(1, (a, b) => a * b);
        int channels = shape.Length >= 3 ? (channelsLast ? shape[^1] : shape[0]) : 1; // rank 1 or 2: no channel axis
        var spatial = shape.Length >= 3 ? (channelsLast ? shape[..^1] : shape[1..]) : shape;
        int width = spatial.Length >= 1 ? spatial[^1] : 1;
        int height = spatial.Length >= 2 ? spatial[^2] : 1;
        int pixels = len / channels, tilesAcross = (width + patch - 1) / patch, tilesDown = (height + patch - 1) / patch;
        var ids = new int[len];
        for (int i = 0; i < len; i++)
        {
            int pixel = channelsLast ? i / channels : i % pixels;
            int w = pixel % width, h = (pixel / width) % height, plane = pixel / (width * height);
            ids[i] = (plane * tilesDown * tilesAcross) + ((h / patch) * tilesAcross) + (w / patch);
        }

        return ids;
    }
}
