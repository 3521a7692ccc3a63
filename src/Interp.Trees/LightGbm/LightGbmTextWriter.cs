using System.Globalization;
using System.Text;
using System.Text.Json;
using Interp.Explainers.Models;

namespace Interp.Trees.LightGbm;

/// <summary>
/// Writes a <see cref="TreeEnsemble"/> in LightGBM's model text format (v4), so native LightGBM can load it: numeric and
/// category-code splits with their <c>decision_type</c> bits, bitsets, leaf values (tree weights folded in, or
/// <c>average_output</c> when every tree has weight 1/iterations), the bias folded into each output's first tree, and
/// <c>leaf_count</c>/<c>internal_count</c> from the covers. One-hot-set nodes must first be rewritten with
/// <see cref="OneHotCodeLayout.Convert"/>.
/// </summary>
public static class LightGbmTextWriter
{
    /// <summary>The model text.</summary>
    /// <param name="ensemble">The ensemble (no <see cref="SplitKind.OneHotSet"/> nodes).</param>
    /// <param name="featureInfos">LightGBM's feature_infos per feature; null: derived from the splits.</param>
    /// <param name="categoryLevels">Per feature, the text of each category code, written as a <c>pandas_categorical</c> line; null: none.</param>
    /// <exception cref="ArgumentException">The ensemble has one-hot-set nodes or inconsistent sizes.</exception>
    public static string Write(TreeEnsemble ensemble, IReadOnlyList<string>? featureInfos = null, IReadOnlyList<IReadOnlyList<string>?>? categoryLevels = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int k = ensemble.OutputCount;
        if (ensemble.Trees.Any(t => t.Kind?.Contains(SplitKind.OneHotSet) == true))
        {
            throw new ArgumentException("The ensemble has one-hot-set (ML.NET categorical) nodes; rewrite them with OneHotCodeLayout.Convert first.", nameof(ensemble));
        }

        var perOutput = Enumerable.Range(0, k).Select(o => ensemble.Trees.Where(t => t.OutputIndex == o).ToList()).ToArray();
        int iterations = Math.Max(1, perOutput.Max(l => l.Count));
        double w0 = ensemble.Trees.Count > 0 ? ensemble.Trees[0].Weight : 1;
        bool average = w0 != 1 && ensemble.Trees.All(t => t.Weight == w0) && perOutput.All(l => l.Count == iterations)
            && Math.Abs((w0 * iterations) - 1) < 1e-12;
        var blocks = new List<string>();
        for (int it = 0; it < iterations; it++)
        {
            for (int o = 0; o < k; o++)
            {
                double bias = it == 0 ? ensemble.Bias[o] * (average ? iterations : 1) : 0;
                var tree = it < perOutput[o].Count ? perOutput[o][it] : null;
                string body = tree is null ? ConstantTree(bias) : LightGbmTreeWriter.Write(tree, average ? 1 : tree.Weight, bias);
                blocks.Add($"Tree={blocks.Count}\n{body}\n");
            }
        }

        var names = FeatureNames(ensemble);
        var sb = new StringBuilder();
        sb.Append("tree\nversion=v4\n");
        sb.Append(Invariant($"num_class={k}\nnum_tree_per_iteration={k}\nlabel_index=0\nmax_feature_idx={ensemble.FeatureCount - 1}\n"));
        string? objective = ensemble.Objective is not null && LightGbmObjective.LinkOf(ensemble.Objective) == ensemble.Link
            ? ensemble.Objective
            : LightGbmObjective.ForLink(ensemble.Link, k);
        if (objective is not null) sb.Append("objective=").Append(objective).Append('\n');
        if (average) sb.Append("average_output\n");
        sb.Append("feature_names=").AppendJoin(' ', names).Append('\n');
        sb.Append("feature_infos=").AppendJoin(' ', featureInfos ?? FeatureInfos(ensemble)).Append('\n');
        sb.Append("tree_sizes=").AppendJoin(' ', blocks.Select(b => Encoding.UTF8.GetByteCount(b))).Append("\n\n");
        foreach (var b in blocks) sb.Append(b);
        sb.Append("end of trees\n\nfeature_importances:\n");
        if (categoryLevels is not null)
        {
            var lists = categoryLevels.Where(l => l is not null).ToList();
            sb.Append("\npandas_categorical:").Append(JsonSerializer.Serialize(lists)).Append('\n');
        }

        return sb.ToString();
    }

    private static string ConstantTree(double value) =>
        "num_leaves=1\nnum_cat=0\nsplit_feature=\nsplit_gain=\nthreshold=\ndecision_type=\nleft_child=\nright_child=\n" +
        $"leaf_value={LightGbmTreeWriter.Number(value)}\nleaf_weight=0\nleaf_count=0\ninternal_value=\ninternal_weight=\ninternal_count=\nis_linear=0\nshrinkage=1\n\n";

    private static string[] FeatureNames(TreeEnsemble ensemble)
    {
        var names = new string[ensemble.FeatureCount];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            var raw = ensemble.FeatureNames?[i];
            var name = string.IsNullOrWhiteSpace(raw) ? $"Column_{i}" : new string(raw.Select(c => char.IsWhiteSpace(c) || ",:[]{}\"".Contains(c) ? '_' : c).ToArray());
            while (!used.Add(name)) name += "_";
            names[i] = name;
        }

        return names;
    }

    private static string[] FeatureInfos(TreeEnsemble ensemble)
    {
        var infos = Enumerable.Repeat("none", ensemble.FeatureCount).ToArray();
        var lo = new double[ensemble.FeatureCount];
        var hi = new double[ensemble.FeatureCount];
        var categories = new SortedSet<int>?[ensemble.FeatureCount];
        Array.Fill(lo, double.PositiveInfinity);
        Array.Fill(hi, double.NegativeInfinity);
        foreach (var tree in ensemble.Trees)
        {
            for (int n = 0; n < tree.NodeCount; n++)
            {
                int f = tree.SplitFeature[n];
                if (tree.KindAt(n) == SplitKind.CategorySet)
                {
                    (categories[f] ??= []).UnionWith(tree.CategoricalSets![n]!);
                }
                else
                {
                    lo[f] = Math.Min(lo[f], tree.Threshold[n]);
                    hi[f] = Math.Max(hi[f], tree.Threshold[n]);
                }
            }
        }

        for (int f = 0; f < infos.Length; f++)
        {
            if (categories[f] is { Count: > 0 } c) infos[f] = string.Join(':', c);
            else if (lo[f] <= hi[f]) infos[f] = $"[{LightGbmTreeWriter.Number(lo[f])}:{LightGbmTreeWriter.Number(hi[f])}]";
        }

        return infos;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
