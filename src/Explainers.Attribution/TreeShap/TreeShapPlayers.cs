using Interp.Explainers.Models;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Who the SHAP players are. Each numeric feature is a player; a source column tested by ML.NET one-hot-set splits is
/// one player for all its slots (its slots get no values of their own). LightGBM categorical splits read one feature.
/// </summary>
public sealed class TreeShapPlayers
{
    private TreeShapPlayers(int[] featurePlayer, string[] names)
    {
        FeaturePlayer = featurePlayer;
        Names = names;
    }

    /// <summary>Number of players.</summary>
    public int Count => Names.Count;

    /// <summary>Name per player (the feature name, or the source column of a grouped one-hot column).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The player of each model feature.</summary>
    public IReadOnlyList<int> FeaturePlayer { get; }

    /// <summary>Whether players are exactly the model's features (no grouping).</summary>
    public bool IsIdentity => FeaturePlayer.Count == Count && Enumerable.Range(0, Count).All(i => FeaturePlayer[i] == i);

    /// <summary>The players of an ensemble: features, with one-hot columns of categorical splits grouped into one player.</summary>
    /// <param name="ensemble">The ensemble.</param>
    public static TreeShapPlayers For(TreeEnsemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int f = ensemble.FeatureCount;
        var featureNames = ensemble.FeatureNames ?? Enumerable.Range(0, f).Select(i => $"f{i}").ToArray();
        var grouped = new HashSet<int>();
        foreach (var tree in ensemble.Trees)
        {
            for (int n = 0; n < tree.NodeCount; n++)
            {
                if (tree.KindAt(n) != SplitKind.OneHotSet) continue;
                int column = tree.CategoricalColumn?[n] ?? -1;
                if (column < 0 && ensemble.FeatureSourceColumn is { } sources) column = sources[tree.SplitFeature[n]];
                if (column < 0) throw new InterpException($"A one-hot categorical split (node {n}) has no known source column, so its slots cannot be grouped into one player.");
                grouped.Add(column);
            }
        }

        if (grouped.Count > 0 && ensemble.FeatureSourceColumn is null) throw new InterpException("The ensemble has one-hot categorical splits but no feature source columns, so its slots cannot be grouped into players.");
        var featurePlayer = new int[f];
        var names = new List<string>();
        var columnPlayer = new Dictionary<int, int>();
        for (int j = 0; j < f; j++)
        {
            int column = ensemble.FeatureSourceColumn is { } sources ? sources[j] : -1;
            if (column >= 0 && grouped.Contains(column))
            {
                if (!columnPlayer.TryGetValue(column, out var p))
                {
                    columnPlayer[column] = p = names.Count;
                    names.Add(ensemble.SourceColumns is { } cols && column < cols.Count ? cols[column] : $"column{column}");
                }

                featurePlayer[j] = p;
            }
            else
            {
                featurePlayer[j] = names.Count;
                names.Add(featureNames[j]);
            }
        }

        return new TreeShapPlayers(featurePlayer, [.. names]);
    }

    /// <summary>The player an internal node's decision belongs to.</summary>
    internal int PlayerOfNode(DecisionTree tree, int node) => FeaturePlayer[tree.SplitFeature[node]];
}
