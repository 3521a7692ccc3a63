using System.Globalization;
using Interp.Explainers.Models;

namespace Interp.Trees.LightGbm;

/// <summary>One <c>Tree=</c> block of a LightGBM model file → a <see cref="DecisionTree"/>.</summary>
internal static class LightGbmTreeParser
{
    private const int CategoricalMask = 1;
    private const int DefaultLeftMask = 2;

    public static DecisionTree Parse(LightGbmFields f, int featureCount, int outputIndex)
    {
        int leaves = f.Int("num_leaves");
        if (leaves < 1) throw f.Error("num_leaves", $"is {leaves}, expected at least 1");
        int numCat = f.Has("num_cat") ? f.Int("num_cat") : 0;
        if (f.Has("is_linear") && f.Int("is_linear") != 0) throw f.Error("is_linear", "is 1: linear trees (linear_tree=true) are not supported");
        var leafValue = f.Array("leaf_value", leaves, LightGbmTextReader.ParseDouble);
        var leafCount = f.Has("leaf_count") ? f.Array("leaf_count", leaves, ParseCount) : null;
        int nodes = leaves - 1;
        if (nodes == 0)
        {
            return new DecisionTree
            {
                LeftChild = [], RightChild = [], SplitFeature = [], Threshold = [], LeafValue = leafValue,
                LeafCover = leafCount, InternalCover = leafCount is null ? null : [], OutputIndex = outputIndex,
            };
        }

        var left = f.Array("left_child", nodes, ParseInt);
        var right = f.Array("right_child", nodes, ParseInt);
        var feature = f.Array("split_feature", nodes, ParseInt);
        var threshold = f.Array("threshold", nodes, LightGbmTextReader.ParseDouble);
        var decision = f.Array("decision_type", nodes, ParseInt, new int[nodes]);
        var internalCount = f.Has("internal_count") ? f.Array("internal_count", nodes, ParseCount) : null;
        int[] catBoundaries = [];
        uint[] catThreshold = [];
        if (numCat > 0)
        {
            catBoundaries = f.Array("cat_boundaries", numCat + 1, ParseInt);
            for (int c = 0; c < numCat; c++)
            {
                if (catBoundaries[c] < 0 || catBoundaries[c + 1] < catBoundaries[c]) throw f.Error("cat_boundaries", "is not a non-decreasing list of offsets from 0");
            }

            catThreshold = f.Array("cat_threshold", catBoundaries[numCat], t => uint.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        var kind = new SplitKind[nodes];
        var missing = new MissingValueType[nodes];
        var defaultLeft = new bool[nodes];
        var sets = new int[]?[nodes];
        var column = new int[nodes];
        for (int n = 0; n < nodes; n++)
        {
            if (feature[n] < 0 || feature[n] >= featureCount) throw f.Error("split_feature", $"value {n} is {feature[n]}, outside 0..{featureCount - 1} (max_feature_idx)");
            int d = decision[n];
            if (d < 0 || d > 15) throw f.Error("decision_type", $"value {n} is {d}, expected 0..15 (bits: categorical, default left, missing type)");
            int m = (d >> 2) & 3;
            if (m == 3) throw f.Error("decision_type", $"value {n} is {d}: missing type 3 is not defined (0 None, 1 Zero, 2 NaN)");
            missing[n] = (MissingValueType)m;
            defaultLeft[n] = (d & DefaultLeftMask) != 0;
            column[n] = -1;
            if ((d & CategoricalMask) == 0) continue;
            kind[n] = SplitKind.CategorySet;
            column[n] = feature[n];
            int idx = (int)threshold[n];
            if (idx < 0 || idx >= numCat || idx != threshold[n])
            {
                throw f.Error("threshold", $"value {n} is {threshold[n]}: a categorical node's threshold must index cat_boundaries (0..{numCat - 1})");
            }

            sets[n] = Bits(catThreshold, catBoundaries[idx], catBoundaries[idx + 1]);
        }

        var tree = new DecisionTree
        {
            LeftChild = left,
            RightChild = right,
            SplitFeature = feature,
            Threshold = threshold,
            Kind = kind,
            MissingType = missing,
            DefaultLeft = defaultLeft,
            CategoricalSets = numCat > 0 ? sets : null,
            CategoricalColumn = column,
            LeafValue = leafValue,
            InternalCover = internalCount,
            LeafCover = leafCount,
            OutputIndex = outputIndex,
        };
        var problem = TreeValidator.Check(tree, featureCount);
        if (problem is not null) throw f.Error("left_child", $"/ right_child do not form a tree: {problem}");
        return tree;
    }

    private static int[] Bits(uint[] words, int from, int to)
    {
        var set = new List<int>();
        for (int w = from; w < to; w++)
        {
            for (int b = 0; b < 32; b++)
            {
                if (((words[w] >> b) & 1) != 0) set.Add(((w - from) * 32) + b);
            }
        }

        return set.ToArray();
    }

    private static int ParseInt(string t) => int.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static double ParseCount(string t) => LightGbmTextReader.ParseDouble(t);
}
