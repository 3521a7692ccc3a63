using Interp.Explainers.Models;

namespace Interp.Trees;

/// <summary>
/// ML.NET tests a set of one-hot slots at a categorical node (<see cref="SplitKind.OneHotSet"/>: right iff a slot of the
/// set is hot); LightGBM tests a category code (<see cref="SplitKind.CategorySet"/>: left iff the code is in the set).
/// <see cref="Convert"/> rewrites the first as the second on one added code feature per source column (code = position of
/// the hot slot within the column, NaN when none is hot), with the children swapped, so the ensemble can be written in
/// LightGBM's format; <see cref="Expand(ReadOnlySpan{double}, Span{double})"/> appends the codes to a feature vector. The rewrite is exact for one-hot input
/// (at most one hot slot per column).
/// </summary>
public sealed class OneHotCodeLayout
{
    private OneHotCodeLayout(int slotCount, IReadOnlyList<OneHotColumn> columns)
    {
        SlotCount = slotCount;
        Columns = columns;
    }

    /// <summary>Features of the original ensemble (the slots).</summary>
    public int SlotCount { get; }

    /// <summary>The one-hot columns that got a code feature, in code-feature order.</summary>
    public IReadOnlyList<OneHotColumn> Columns { get; }

    /// <summary>Features after the rewrite: the slots, then one code per column.</summary>
    public int FeatureCount => SlotCount + Columns.Count;

    /// <summary>Rewrites <paramref name="ensemble"/>'s one-hot-set nodes as category-code nodes.</summary>
    /// <param name="ensemble">An ensemble whose one-hot-set nodes name their source column (<see cref="TreeEnsemble.FeatureSourceColumn"/>).</param>
    /// <exception cref="ArgumentException">A set's source column is unknown or its slots are not consecutive.</exception>
    public static (TreeEnsemble Ensemble, OneHotCodeLayout Layout) Convert(TreeEnsemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int f = ensemble.FeatureCount;
        var columnOf = new Dictionary<int, OneHotColumn>();   // source column index → code column
        var layoutColumns = new List<OneHotColumn>();
        var trees = new List<DecisionTree>();
        foreach (var tree in ensemble.Trees)
        {
            if (tree.Kind is null || !tree.Kind.Contains(SplitKind.OneHotSet))
            {
                trees.Add(tree);
                continue;
            }

            var kind = (SplitKind[])tree.Kind.Clone();
            var feature = (int[])tree.SplitFeature.Clone();
            var left = (int[])tree.LeftChild.Clone();
            var right = (int[])tree.RightChild.Clone();
            var sets = (int[]?[])tree.CategoricalSets!.Clone();
            var columns = tree.CategoricalColumn is null ? Enumerable.Repeat(-1, tree.NodeCount).ToArray() : (int[])tree.CategoricalColumn.Clone();
            for (int n = 0; n < tree.NodeCount; n++)
            {
                if (kind[n] != SplitKind.OneHotSet) continue;
                var set = sets[n]!;
                int source = columns[n] >= 0 ? columns[n] : ensemble.FeatureSourceColumn?[set[0]]
                    ?? throw new ArgumentException("A one-hot set's source column is unknown: the ensemble needs FeatureSourceColumn.", nameof(ensemble));
                if (!columnOf.TryGetValue(source, out var column))
                {
                    column = Range(ensemble, source, f + layoutColumns.Count);
                    columnOf[source] = column;
                    layoutColumns.Add(column);
                }

                if (set.Any(s => s < column.Start || s >= column.Start + column.Count))
                {
                    throw new ArgumentException($"A set at node {n} tests slots outside column '{column.Name}' ({column.Start}..{column.Start + column.Count - 1}).", nameof(ensemble));
                }

                kind[n] = SplitKind.CategorySet;
                feature[n] = column.CodeFeature;
                sets[n] = set.Select(s => s - column.Start).Order().ToArray();
                columns[n] = source;
                (left[n], right[n]) = (right[n], left[n]);
            }

            trees.Add(tree with { Kind = kind, SplitFeature = feature, LeftChild = left, RightChild = right, CategoricalSets = sets, CategoricalColumn = columns });
        }

        var layout = new OneHotCodeLayout(f, layoutColumns);
        var names = ensemble.FeatureNames?.ToList();
        if (names is not null)
        {
            foreach (var c in layoutColumns) names.Add(names.Contains(c.Name) ? c.Name + "_code" : c.Name);
        }

        var sources = ensemble.FeatureSourceColumn?.Concat(columnOf.OrderBy(kv => kv.Value.CodeFeature).Select(kv => kv.Key)).ToArray();
        return (ensemble with { Trees = trees, FeatureCount = layout.FeatureCount, FeatureNames = names, FeatureSourceColumn = sources }, layout);
    }

    /// <summary>Writes the slots followed by each column's category code into <paramref name="output"/>.</summary>
    /// <param name="slots"><see cref="SlotCount"/> features.</param>
    /// <param name="output"><see cref="FeatureCount"/> values.</param>
    public void Expand(ReadOnlySpan<double> slots, Span<double> output)
    {
        slots[..SlotCount].CopyTo(output);
        for (int c = 0; c < Columns.Count; c++)
        {
            var column = Columns[c];
            double code = double.NaN;
            for (int i = 0; i < column.Count; i++)
            {
                if (slots[column.Start + i] > 0)
                {
                    code = i;
                    break;
                }
            }

            output[SlotCount + c] = code;
        }
    }

    /// <summary>Expands a row-major matrix of slot rows.</summary>
    /// <param name="slots">rows × <see cref="SlotCount"/> values.</param>
    /// <returns>rows × <see cref="FeatureCount"/> values.</returns>
    public double[] Expand(ReadOnlySpan<double> slots)
    {
        int rows = slots.Length / SlotCount;
        var result = new double[rows * FeatureCount];
        for (int r = 0; r < rows; r++) Expand(slots.Slice(r * SlotCount, SlotCount), result.AsSpan(r * FeatureCount, FeatureCount));
        return result;
    }

    private static OneHotColumn Range(TreeEnsemble ensemble, int source, int codeFeature)
    {
        var sources = ensemble.FeatureSourceColumn!;
        var slots = Enumerable.Range(0, sources.Count).Where(i => sources[i] == source).ToArray();
        if (slots.Length == 0 || slots[^1] - slots[0] + 1 != slots.Length)
        {
            throw new ArgumentException($"The slots of source column {source} are not consecutive.", nameof(ensemble));
        }

        string name = ensemble.SourceColumns?[source] ?? $"column{source}";
        return new OneHotColumn(name, slots[0], slots.Length, codeFeature);
    }
}
