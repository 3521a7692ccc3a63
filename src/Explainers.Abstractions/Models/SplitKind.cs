namespace Interp.Explainers.Models;

/// <summary>How an internal node of a <see cref="DecisionTree"/> tests its input.</summary>
public enum SplitKind
{
    /// <summary>
    /// Numeric: go left iff x[<see cref="DecisionTree.SplitFeature"/>] &lt;= <see cref="DecisionTree.Threshold"/>; a
    /// missing value is handled as <see cref="DecisionTree.MissingType"/> and <see cref="DecisionTree.DefaultLeft"/> say.
    /// </summary>
    Numeric = 0,

    /// <summary>
    /// ML.NET's categorical split over one-hot slots: go right iff any feature listed in
    /// <see cref="DecisionTree.CategoricalSets"/> is hot (&gt; 0; NaN is not hot), else left. The slots all belong to one
    /// source column (<see cref="DecisionTree.CategoricalColumn"/>).
    /// </summary>
    OneHotSet = 1,

    /// <summary>
    /// LightGBM's categorical split on one feature holding an integer category code: go left iff the code (x truncated
    /// to an integer) is listed in <see cref="DecisionTree.CategoricalSets"/>; NaN and negative values go right.
    /// (LightGBM stores the set as a bitset: bit c of the node's words is set iff category c goes left.)
    /// </summary>
    CategorySet = 2,
}
