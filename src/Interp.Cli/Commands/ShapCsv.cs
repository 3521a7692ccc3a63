using System.Globalization;
using System.Text;
using Interp.Explainers.Explanations;

namespace Interp.Cli.Commands;

/// <summary>SHAP values as CSV: one line per row (and class for multiclass): row, [class,] base_value, one column per feature.</summary>
internal static class ShapCsv
{
    public static void Write(ShapExplanation shap, string path)
    {
        int rows = shap.ShapValues.Shape[0], p = shap.FeatureNames.Count;
        int classes = shap.ShapValues.Shape.Count == 3 ? shap.ShapValues.Shape[1] : 1;
        var sb = new StringBuilder();
        sb.Append(classes > 1 ? "row,class,base_value" : "row,base_value");
        foreach (var name in shap.FeatureNames) sb.Append(',').Append(Quote(name));
        sb.Append('\n');
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < classes; k++)
            {
                sb.Append(r.ToString(CultureInfo.InvariantCulture));
                if (classes > 1) sb.Append(',').Append(k.ToString(CultureInfo.InvariantCulture));
                sb.Append(',').Append(shap.BaseValues.Data[(r * classes) + k].ToString("R", CultureInfo.InvariantCulture));
                for (int j = 0; j < p; j++) sb.Append(',').Append(shap.ShapValues.Data[(((r * classes) + k) * p) + j].ToString("R", CultureInfo.InvariantCulture));
                sb.Append('\n');
            }
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, sb.ToString());
        File.Move(temp, path, overwrite: true);
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
