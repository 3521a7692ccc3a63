using System.Globalization;
using System.Text;
using Interp.Backends.MLNet;
using Interp.Tests.Trees;
using Interp.Trees.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Tests.MLNet;

/// <summary>Adult as ML.NET data (through Interp's CSV loader) and the usual featurizer: one-hot categoricals + numerics → Features.</summary>
internal static class AdultMLNet
{
    public static readonly string[] Numeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    /// <summary>The raw schema: numeric columns Single, the rest String.</summary>
    public static DataViewSchema Schema { get; } = BuildSchema();

    /// <summary>Rows [skip, skip + count) of adult.data as CSV text with a header, a fraction of fnlwgt and hours-per-week blanked (missing).</summary>
    public static CsvTable Table(int count, int skip = 0, double missing = 0, int seed = 1)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder(string.Join(",", AdultData.Columns)).Append('\n');
        var table = AdultData.Table;
        int fnlwgt = table.IndexOf("fnlwgt");
        int hours = table.IndexOf("hours-per-week");
        for (int r = skip; r < skip + count; r++)
        {
            var cells = Enumerable.Range(0, table.ColumnNames.Count).Select(c => table[r, c] ?? "?").ToArray();
            if (rng.NextDouble() < missing) cells[fnlwgt] = "";
            if (rng.NextDouble() < missing) cells[hours] = "NA";
            sb.Append(string.Join(",", cells)).Append('\n');
        }

        return CsvTable.Parse(sb.ToString(), $"adult rows {skip}..{skip + count}");
    }

    /// <summary>The rows with the labels used for training (not part of saved models): Label (bool, income &gt; 50K), Age (float).</summary>
    public static IDataView Load(MLContext ml, CsvTable table)
    {
        var view = MLNetData.FromTable(table, Schema, Schema.Select(c => c.Name));
        return ml.Transforms.Conversion.MapValue("Label", [new KeyValuePair<string, bool>(">50K", true), new KeyValuePair<string, bool>("<=50K", false)], "income")
            .Append(ml.Transforms.CopyColumns("Age", "age"))
            .Fit(view).Transform(view);
    }

    /// <summary>One-hot categoricals (all but <paramref name="exclude"/>) + numerics → Features.</summary>
    public static IEstimator<ITransformer> Featurizer(MLContext ml, params string[] exclude)
    {
        var categorical = AdultData.Categorical.Except(exclude).ToArray();
        return ml.Transforms.Categorical.OneHotEncoding(categorical.Select(c => new InputOutputColumnPair(c, c)).ToArray())
            .Append(ml.Transforms.Concatenate("Features", [.. Numeric.Except(exclude), .. categorical]));
    }

    /// <summary>Scores as doubles from an ML.NET column (float or the first slot of a vector).</summary>
    public static double[] Column(IDataView scored, string name) =>
        scored.Schema[name].Type is VectorDataViewType
            ? scored.GetColumn<VBuffer<float>>(name).SelectMany(v => v.DenseValues()).Select(v => (double)v).ToArray()
            : scored.GetColumn<float>(name).Select(v => (double)v).ToArray();

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    private static DataViewSchema BuildSchema()
    {
        var b = new DataViewSchema.Builder();
        foreach (var c in AdultData.Columns) b.AddColumn(c, Numeric.Contains(c) ? NumberDataViewType.Single : TextDataViewType.Instance);
        return b.ToSchema();
    }

    public static string Invariant(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
