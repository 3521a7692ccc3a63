using System.Globalization;
using System.Text;
using Interp.Cli.Commands;
using Interp.Explainers.Explanations;

namespace Interp.Cli.Pipelines;

/// <summary>
/// The CSV written beside a pipeline step's envelope: SHAP values (row, base value, one column per feature),
/// tabular attributions (row, one column per feature) or global importance (feature, importance, standard error).
/// Written atomically; null when the explanation has no tabular form (e.g. image attributions).
/// </summary>
internal static class PipelineCsv
{
    public static string? Write(Explanation explanation, string path)
    {
        switch (explanation)
        {
            case ShapExplanation shap:
                ShapCsv.Write(shap, path);
                return path;
            case AttributionExplanation { Attributions.Shape.Count: 2 } attribution:
                WriteAtomic(path, Attributions(attribution));
                return path;
            case GlobalImportanceExplanation importance:
                WriteAtomic(path, Importance(importance));
                return path;
            default:
                return null;
        }
    }

    private static string Attributions(AttributionExplanation a)
    {
        int rows = a.Attributions.Shape[0], p = a.Attributions.Shape[1];
        var names = a.Labels?.FeatureNames is { } n && n.Count == p ? n : Enumerable.Range(0, p).Select(j => "f" + j.ToString(CultureInfo.InvariantCulture)).ToList();
        var sb = new StringBuilder("row");
        foreach (var name in names) sb.Append(',').Append(Quote(name));
        sb.Append('\n');
        for (int r = 0; r < rows; r++)
        {
            sb.Append(r.ToString(CultureInfo.InvariantCulture));
            for (int j = 0; j < p; j++) sb.Append(',').Append(a.Attributions.Data[(r * p) + j].ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string Importance(GlobalImportanceExplanation g)
    {
        var names = g.Labels?.FeatureNames;
        var sb = new StringBuilder("feature,importance,standard_error\n");
        for (int j = 0; j < g.Importance.Length; j++)
        {
            sb.Append(Quote(names is not null && j < names.Count ? names[j] : "f" + j.ToString(CultureInfo.InvariantCulture)))
              .Append(',').Append(g.Importance[j].ToString("R", CultureInfo.InvariantCulture))
              .Append(',').Append(g.StandardError is { } se ? se[j].ToString("R", CultureInfo.InvariantCulture) : "")
              .Append('\n');
        }

        return sb.ToString();
    }

    private static void WriteAtomic(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
