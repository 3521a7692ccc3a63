using Interp.Explainers.Models;

namespace Interp.Trees;

/// <summary>Checks that a <see cref="DecisionTree"/>'s arrays describe one tree over the given features.</summary>
internal static class TreeValidator
{
    /// <summary>Null when the tree is well formed, else what is wrong.</summary>
    public static string? Check(DecisionTree tree, int featureCount)
    {
        int nodes = tree.NodeCount;
        int leaves = tree.LeafCount;
        if (leaves != nodes + 1) return $"{nodes} internal nodes need {nodes + 1} leaves, found {leaves}";
        if (tree.RightChild.Length != nodes || tree.SplitFeature.Length != nodes || tree.Threshold.Length != nodes)
        {
            return "per-node arrays differ in length";
        }

        var seenNode = new bool[nodes];
        var seenLeaf = new bool[leaves];
        if (nodes > 0) seenNode[0] = true;
        for (int n = 0; n < nodes; n++)
        {
            foreach (int c in (ReadOnlySpan<int>)[tree.LeftChild[n], tree.RightChild[n]])
            {
                if (c >= 0)
                {
                    if (c >= nodes) return $"node {n} has child {c}, but there are {nodes} internal nodes";
                    if (seenNode[c]) return c == 0 ? $"node {n} has the root as its child" : $"node {c} has two parents";
                    seenNode[c] = true;
                }
                else
                {
                    int leaf = ~c;
                    if (leaf >= leaves) return $"node {n} has leaf child {c} (leaf {leaf}), but there are {leaves} leaves";
                    if (seenLeaf[leaf]) return $"leaf {leaf} has two parents";
                    seenLeaf[leaf] = true;
                }
            }

            var kind = tree.KindAt(n);
            if (kind != SplitKind.OneHotSet && (tree.SplitFeature[n] < 0 || tree.SplitFeature[n] >= featureCount))
            {
                return $"node {n} splits on feature {tree.SplitFeature[n]}, outside 0..{featureCount - 1}";
            }

            if (kind != SplitKind.Numeric && tree.CategoricalSets?[n] is null) return $"categorical node {n} has no category set";
            if (kind == SplitKind.OneHotSet && tree.CategoricalSets![n]!.Any(s => s < 0 || s >= featureCount))
            {
                return $"node {n} tests a one-hot slot outside 0..{featureCount - 1}";
            }
        }

        if (!seenLeaf.All(s => s)) return "some leaves are never reached";
        return nodes == 0 || Reachable(tree) == nodes ? null : "some internal nodes are not reachable from the root";
    }

    private static int Reachable(DecisionTree tree)
    {
        var stack = new Stack<int>();
        stack.Push(0);
        int count = 0;
        while (stack.Count > 0 && count <= tree.NodeCount)
        {
            int n = stack.Pop();
            count++;
            if (tree.LeftChild[n] >= 0) stack.Push(tree.LeftChild[n]);
            if (tree.RightChild[n] >= 0) stack.Push(tree.RightChild[n]);
        }

        return count;
    }
}
