using System.Globalization;
using System.Text;
using Interp.Tests.Trees;

namespace Interp.Tests.Cli;

/// <summary>A LightGBM text model and held-out Adult rows as CSV files, for the CLI tests.</summary>
internal static class AdultCsvFiles
{
    /// <summary>The model text as a file and held-out Adult rows as CSV (model feature names, the label, empty/NA missing).</summary>
    public static (string Model, string Data, double[] Rows) Write(string folder, string modelText, string label, int rows)
    {
        var model = Path.Combine(folder, label + ".txt");
        File.WriteAllText(model, modelText);
        var adult = new AdultData(label, rows, skip: 7000).WithMissing(0.2, 5, "age", "hours-per-week");
        var sb = new StringBuilder();
        sb.AppendJoin(',', adult.Features.Select(f => f.Replace('-', '_'))).Append(',').Append(label).Append('\n');
        for (int r = 0; r < rows; r++)
        {
            var cells = Enumerable.Range(0, adult.FeatureCount).Select(j => adult.X[(r * adult.FeatureCount) + j]).Select((v, j) => double.IsNaN(v) ? (j % 2 == 0 ? "" : "NA") : v.ToString("R", CultureInfo.InvariantCulture));
            sb.AppendJoin(',', cells).Append(',').Append(adult.Y[r].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var data = Path.Combine(folder, label + ".csv");
        File.WriteAllText(data, sb.ToString());
        return (model, data, adult.X);
    }
}
