using System.Globalization;
using System.Text;
using Interp.Explainers.Models;

namespace Interp.Trees.LightGbm;

/// <summary>One <see cref="DecisionTree"/> → the body of a <c>Tree=</c> block (as LightGBM's Tree::ToString writes it).</summary>
internal static class LightGbmTreeWriter
{
    public static string Write(DecisionTree tree, double scale, double add)
    {
        int nodes = tree.NodeCount;
        var leafValue = tree.LeafValue.Select(v => (v * scale) + add).ToArray();
        var leafCount = tree.LeafCover?.Select(c => Math.Round(c)).ToArray() ?? new double[tree.LeafCount];
        var internalCount = tree.InternalCover?.Select(c => Math.Round(c)).ToArray() ?? new double[nodes];
        var threshold = new string[nodes];
        var decision = new int[nodes];
        var boundaries = new List<int> { 0 };
        var words = new List<uint>();
        for (int n = 0; n < nodes; n++)
        {
            int bits = ((int)tree.MissingTypeAt(n) << 2) | ((tree.DefaultLeft?[n] ?? false) ? 2 : 0);
            if (tree.KindAt(n) == SplitKind.CategorySet)
            {
                bits |= 1;
                threshold[n] = (boundaries.Count - 1).ToString(CultureInfo.InvariantCulture);
                var set = tree.CategoricalSets![n]!;
                var bitset = new uint[set.Length == 0 ? 1 : (set.Max() / 32) + 1];
                foreach (int c in set) bitset[c / 32] |= 1u << (c % 32);
                words.AddRange(bitset);
                boundaries.Add(words.Count);
            }
            else
            {
                threshold[n] = Number(tree.Threshold[n]);
            }

            decision[n] = bits;
        }

        var internalValue = InternalValues(tree, leafValue, leafCount);
        var sb = new StringBuilder();
        Line(sb, "num_leaves", tree.LeafCount.ToString(CultureInfo.InvariantCulture));
        Line(sb, "num_cat", (boundaries.Count - 1).ToString(CultureInfo.InvariantCulture));
        Line(sb, "split_feature", Join(tree.SplitFeature));
        Line(sb, "split_gain", string.Join(' ', Enumerable.Repeat("0", nodes)));
        Line(sb, "threshold", string.Join(' ', threshold));
        Line(sb, "decision_type", Join(decision));
        Line(sb, "left_child", Join(tree.LeftChild));
        Line(sb, "right_child", Join(tree.RightChild));
        Line(sb, "leaf_value", string.Join(' ', leafValue.Select(Number)));
        Line(sb, "leaf_weight", string.Join(' ', leafCount.Select(Number)));
        Line(sb, "leaf_count", string.Join(' ', leafCount.Select(Number)));
        Line(sb, "internal_value", string.Join(' ', internalValue.Select(Number)));
        Line(sb, "internal_weight", string.Join(' ', internalCount.Select(Number)));
        Line(sb, "internal_count", string.Join(' ', internalCount.Select(Number)));
        if (boundaries.Count > 1)
        {
            Line(sb, "cat_boundaries", Join(boundaries));
            Line(sb, "cat_threshold", string.Join(' ', words.Select(w => w.ToString(CultureInfo.InvariantCulture))));
        }

        Line(sb, "is_linear", "0");
        Line(sb, "shrinkage", "1");
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>A double as LightGBM reads it back exactly (shortest round-trip form; inf, -inf, nan).</summary>
    public static string Number(double v) =>
        double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Each internal node's count-weighted mean leaf value (LightGBM's internal_value; 0 without counts).</summary>
    private static double[] InternalValues(DecisionTree tree, double[] leafValue, double[] leafCount)
    {
        var values = new double[tree.NodeCount];
        if (tree.NodeCount > 0) Sum(tree, 0, leafValue, leafCount, values);
        return values;
    }

    private static (double Sum, double Count) Sum(DecisionTree tree, int node, double[] leafValue, double[] leafCount, double[] values)
    {
        if (node < 0) return (leafValue[~node] * leafCount[~node], leafCount[~node]);
        var l = Sum(tree, tree.LeftChild[node], leafValue, leafCount, values);
        var r = Sum(tree, tree.RightChild[node], leafValue, leafCount, values);
        double count = l.Count + r.Count;
        values[node] = count > 0 ? (l.Sum + r.Sum) / count : 0;
        return (l.Sum + r.Sum, count);
    }

    private static void Line(StringBuilder sb, string key, string value) => sb.Append(key).Append('=').Append(value).Append('\n');

    private static string Join(IEnumerable<int> values) => string.Join(' ', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
