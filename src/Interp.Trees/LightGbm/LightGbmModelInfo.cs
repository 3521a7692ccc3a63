using Interp.Explainers.Models;

namespace Interp.Trees.LightGbm;

/// <summary>A LightGBM model text file, parsed.</summary>
/// <param name="Ensemble">The trees (one per class per iteration), feature names, objective and link.</param>
/// <param name="Version">The format version (<c>v3</c> or <c>v4</c>).</param>
/// <param name="FeatureInfos">LightGBM's <c>feature_infos</c>: <c>[min:max]</c> for numeric features, <c>a:b:c</c> (categories) for categorical ones, <c>none</c> for unused ones.</param>
/// <param name="CategoryLevels">
/// Per feature, the text of each category code (from a <c>pandas_categorical</c> line, as Python's lightgbm writes it), or
/// null for features without levels; null when the file has none.
/// </param>
public sealed record LightGbmModelInfo(
    TreeEnsemble Ensemble,
    string Version,
    IReadOnlyList<string> FeatureInfos,
    IReadOnlyList<IReadOnlyList<string>?>? CategoryLevels);
