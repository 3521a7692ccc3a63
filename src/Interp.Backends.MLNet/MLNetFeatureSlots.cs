using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Backends.MLNet;

/// <summary>
/// The slots of a feature vector column: names (its slot names, else f0, f1, ...), the source column of each slot, and
/// the one-hot ranges (ML.NET's <c>CategoricalSlotRanges</c> annotation). Concatenate names a slot
/// <c>column.slot</c> (or <c>column</c> for a scalar); the source is the longest such prefix that names a column seen in
/// the pipeline.
/// </summary>
internal sealed record MLNetFeatureSlots(string[] Names, string[] Sources, (int Start, int End)[] CategoricalRanges)
{
    public static MLNetFeatureSlots Describe(DataViewSchema.Column column, IReadOnlySet<string> columnNames)
    {
        int size = column.Type is VectorDataViewType v ? v.Size : 1;
        var names = Enumerable.Range(0, size).Select(i => $"f{i}").ToArray();
        if (column.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> slots = default;
            column.GetSlotNames(ref slots);
            int i = 0;
            foreach (var s in slots.DenseValues())
            {
                if (s.Length > 0) names[i] = s.ToString();
                i++;
            }
        }

        var ranges = new List<(int, int)>();
        if (column.Annotations.Schema.GetColumnOrNull("CategoricalSlotRanges") is { } rangeColumn)
        {
            VBuffer<int> r = default;
            column.Annotations.GetValue(rangeColumn.Name, ref r);
            var values = r.DenseValues().ToArray();
            for (int k = 0; k + 1 < values.Length; k += 2) ranges.Add((values[k], values[k + 1]));
        }

        var sources = names.Select(n => SourceOf(n, columnNames)).ToArray();
        foreach (var (start, end) in ranges)
        {
            // A one-hot range comes from one column: take its first slot's source, or the name before the last dot.
            var first = sources[start];
            var common = Enumerable.Range(start, end - start + 1).All(i => sources[i] == first) && first != names[start]
                ? first
                : names[start].Contains('.') ? names[start][..names[start].LastIndexOf('.')] : $"slots{start}-{end}";
            for (int i = start; i <= end; i++) sources[i] = common;
        }

        return new MLNetFeatureSlots(names, sources, ranges.ToArray());
    }

    private static string SourceOf(string slot, IReadOnlySet<string> columnNames)
    {
        if (columnNames.Contains(slot)) return slot;
        for (int dot = slot.LastIndexOf('.'); dot > 0; dot = slot.LastIndexOf('.', dot - 1))
        {
            if (columnNames.Contains(slot[..dot])) return slot[..dot];
        }

        return slot;
    }
}
