namespace Interp.Explainers.MLNet;

/// <summary>Players mapped onto output slots: each player itself, or its source column (players of one column share a slot).</summary>
/// <param name="GroupOf">The output slot of each player.</param>
/// <param name="Names">The name of each output slot.</param>
internal sealed record PlayerGroups(int[] GroupOf, string[] Names)
{
    public int Count => Names.Length;

    public static PlayerGroups Identity(IReadOnlyList<string> names) => new(Enumerable.Range(0, names.Count).ToArray(), [.. names]);

    /// <summary>Players grouped by source, slots in order of first appearance.</summary>
    public static PlayerGroups By(IReadOnlyList<string> sources)
    {
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupOf = new int[sources.Count];
        for (int p = 0; p < sources.Count; p++)
        {
            if (!index.TryGetValue(sources[p], out int g)) index[sources[p]] = g = names.Count;
            if (g == names.Count) names.Add(sources[p]);
            groupOf[p] = g;
        }

        return new PlayerGroups(groupOf, [.. names]);
    }

    /// <summary>rows × outputs × players values summed into rows × outputs × groups floats.</summary>
    public float[] Sum(ReadOnlySpan<double> values, int rowsTimesOutputs)
    {
        int p = GroupOf.Length, g = Count;
        var sums = new double[g];
        var result = new float[rowsTimesOutputs * g];
        for (int b = 0; b < rowsTimesOutputs; b++)
        {
            Array.Clear(sums);
            for (int i = 0; i < p; i++) sums[GroupOf[i]] += values[(b * p) + i];
            for (int j = 0; j < g; j++) result[(b * g) + j] = (float)sums[j];
        }

        return result;
    }
}
