using System.Globalization;
using System.Text.Json;
using Interp.Explainers;
using Interp.Explainers.Models;

namespace Interp.Trees.LightGbm;

/// <summary>
/// Reads LightGBM's model text format (<c>v3</c>/<c>v4</c>, as <c>LGBM_BoosterSaveModelToString</c> writes it) into a
/// <see cref="TreeEnsemble"/>: one tree per class per iteration, splits with their <c>decision_type</c> bits
/// (categorical, default left, missing type), categorical bitsets, leaf values and counts, feature names, and the link
/// of the objective. Errors name the file, the line and the field. A model with <c>average_output</c> (random forest)
/// gets tree weights 1/iterations, so its raw score is the average; native LightGBM's raw score (predict_type 1) of such a
/// model is the sum, and only its normal prediction averages.
/// </summary>
public static class LightGbmTextReader
{
    /// <summary>Reads a model file.</summary>
    /// <param name="path">The <c>.txt</c> model file.</param>
    /// <exception cref="InterpException">Missing, corrupt or unsupported file; the message names the line and field.</exception>
    public static LightGbmModelInfo ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InterpException($"LightGBM model file '{path}' does not exist.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses a model held in a string.</summary>
    /// <param name="text">The model text.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <exception cref="InterpException">Corrupt or unsupported model; the message names the line and field.</exception>
    public static LightGbmModelInfo Parse(string text, string source = "model string")
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int i = 0;
        while (i < lines.Length && lines[i].Trim().Length == 0) i++;
        if (i == lines.Length) throw new InterpException($"LightGBM model '{source}' is empty; expected LightGBM's model text format.");
        if (lines[i].Trim() != "tree")
        {
            throw new InterpException($"LightGBM model '{source}' line {i + 1}: expected 'tree' (LightGBM's model text format), found '{Clip(lines[i])}'.");
        }

        var header = new LightGbmFields(source, "header");
        for (i++; i < lines.Length && !lines[i].StartsWith("Tree=", StringComparison.Ordinal) && lines[i] != "end of trees"; i++)
        {
            if (lines[i].Trim().Length > 0) header.Add(lines[i], i + 1);
        }

        string version = header.Require("version");
        if (version is not ("v3" or "v4"))
        {
            throw new InterpException($"LightGBM model '{source}' line {header.LineOf("version")}: version '{version}' is not supported (expected v3 or v4).");
        }

        int numClass = header.Int("num_class");
        int perIteration = header.Has("num_tree_per_iteration") ? header.Int("num_tree_per_iteration") : numClass;
        int featureCount = header.Int("max_feature_idx") + 1;
        if (numClass < 1 || perIteration < 1 || featureCount < 1)
        {
            throw new InterpException($"LightGBM model '{source}': num_class ({numClass}), num_tree_per_iteration ({perIteration}) and max_feature_idx + 1 ({featureCount}) must be positive.");
        }

        var names = header.Require("feature_names").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length != featureCount)
        {
            throw new InterpException($"LightGBM model '{source}' line {header.LineOf("feature_names")}: feature_names has {names.Length} names, expected max_feature_idx + 1 = {featureCount}.");
        }

        var infos = header.Has("feature_infos") ? header.Require("feature_infos").Split(' ', StringSplitOptions.RemoveEmptyEntries) : Enumerable.Repeat("none", featureCount).ToArray();
        if (infos.Length != featureCount)
        {
            throw new InterpException($"LightGBM model '{source}' line {header.LineOf("feature_infos")}: feature_infos has {infos.Length} entries, expected {featureCount}.");
        }

        string? objective = header.Has("objective") ? header.Require("objective") : null;
        var link = LightGbmObjective.LinkOf(objective)
            ?? throw new InterpException($"LightGBM model '{source}' line {header.LineOf("objective")}: objective '{objective}' is not supported (known: binary, multiclass, multiclassova, cross_entropy, cross_entropy_lambda, regression objectives, poisson, gamma, tweedie, ranking).");

        if (!lines.Skip(i).Contains("end of trees"))
        {
            int count = lines.Skip(i).Count(l => l.StartsWith("Tree=", StringComparison.Ordinal));
            throw new InterpException($"LightGBM model '{source}': no 'end of trees' line after {count} tree(s) (truncated file?).");
        }

        var trees = new List<DecisionTree>();
        bool ended = false;
        while (i < lines.Length)
        {
            if (lines[i] == "end of trees")
            {
                ended = true;
                i++;
                break;
            }

            if (!lines[i].StartsWith("Tree=", StringComparison.Ordinal))
            {
                if (lines[i].Trim().Length == 0)
                {
                    i++;
                    continue;
                }

                throw new InterpException($"LightGBM model '{source}' line {i + 1}: expected 'Tree=<n>' or 'end of trees', found '{Clip(lines[i])}'.");
            }

            var fields = new LightGbmFields(source, $"tree {trees.Count} ({lines[i]})");
            int start = i + 1;
            for (i++; i < lines.Length && lines[i].Trim().Length > 0 && !lines[i].StartsWith("Tree=", StringComparison.Ordinal) && lines[i] != "end of trees"; i++)
            {
                fields.Add(lines[i], i + 1);
            }

            if (fields.Count == 0) throw new InterpException($"LightGBM model '{source}' line {start}: tree {trees.Count} has no fields.");
            trees.Add(LightGbmTreeParser.Parse(fields, featureCount, trees.Count % perIteration));
        }

        if (!ended) throw new InterpException($"LightGBM model '{source}': no 'end of trees' line after {trees.Count} tree(s) (truncated file?).");
        if (header.Has("tree_sizes"))
        {
            int listed = header.Require("tree_sizes").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (listed != trees.Count)
            {
                throw new InterpException($"LightGBM model '{source}' line {header.LineOf("tree_sizes")}: tree_sizes lists {listed} trees but the file has {trees.Count}.");
            }
        }

        if (trees.Count % perIteration != 0)
        {
            throw new InterpException($"LightGBM model '{source}': {trees.Count} trees is not a multiple of num_tree_per_iteration = {perIteration}.");
        }

        if (header.Has("average_output") && trees.Count > 0)
        {
            double w = 1.0 / (trees.Count / perIteration);
            trees = trees.Select(t => t with { Weight = w }).ToList();
        }

        var ensemble = new TreeEnsemble(trees, new double[perIteration], perIteration, featureCount)
        {
            FeatureNames = names,
            SourceColumns = names,
            FeatureSourceColumn = Enumerable.Range(0, featureCount).ToArray(),
            Link = link,
            Objective = objective,
        };
        return new LightGbmModelInfo(ensemble, version, infos, ReadCategoryLevels(lines, i, infos, source));
    }

    private static IReadOnlyList<IReadOnlyList<string>?>? ReadCategoryLevels(string[] lines, int from, string[] infos, string source)
    {
        const string Key = "pandas_categorical:";
        for (int i = from; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Key, StringComparison.Ordinal)) continue;
            List<List<JsonElement>>? lists;
            try
            {
                lists = JsonSerializer.Deserialize<List<List<JsonElement>>>(lines[i][Key.Length..]);
            }
            catch (JsonException ex)
            {
                throw new InterpException($"LightGBM model '{source}' line {i + 1}: pandas_categorical is not a JSON list of lists: {ex.Message}", ex);
            }

            if (lists is null) return null;
            var categorical = Enumerable.Range(0, infos.Length).Where(f => infos[f] != "none" && !infos[f].StartsWith('[')).ToArray();
            if (categorical.Length != lists.Count) return null;   // the lists follow pandas' column order, which the file does not record otherwise
            var levels = new IReadOnlyList<string>?[infos.Length];
            for (int k = 0; k < lists.Count; k++)
            {
                levels[categorical[k]] = lists[k].Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
            }

            return levels;
        }

        return null;
    }

    internal static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "...";

    internal static double ParseDouble(string token) => token.ToLowerInvariant() switch
    {
        "inf" or "+inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        "nan" or "-nan" => double.NaN,
        _ => double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
