using Interp.Trees.Data;

namespace Interp.Cli.Demo;

/// <summary>
/// UCI Adult for the demo: the full file from the shared data when present (train on the first rows, explain held-out
/// rows), else the 300-row sample shipped with the CLI. Categorical columns become codes (levels in order of first
/// appearance over the whole table), "?" is missing.
/// </summary>
internal sealed class AdultTable
{
    public static readonly string[] Columns =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
        "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    private static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];

    private AdultTable(CsvTable table, string source)
    {
        Source = source;
        Features = Columns[..^1];
        Levels = Features.Select(f => Categorical.Contains(f) ? Distinct(table, f) : null).ToArray();
        X = TabularMatrix.ToRows(table, Features, Levels);
        int label = table.IndexOf("income");
        Y = Enumerable.Range(0, table.RowCount).Select(r => table[r, label]!.TrimEnd('.') == ">50K" ? 1f : 0f).ToArray();
    }

    public string Source { get; }

    public string[] Features { get; }

    public IReadOnlyList<string>?[] Levels { get; }

    /// <summary>rows × features, row-major (NaN missing).</summary>
    public double[] X { get; }

    /// <summary>1 for income &gt;50K.</summary>
    public float[] Y { get; }

    public int Rows => Y.Length;

    /// <summary>LightGBM's categorical_feature parameter.</summary>
    public string CategoricalIndices => string.Join(",", Enumerable.Range(0, Features.Length).Where(i => Levels[i] is not null));

    /// <summary>Features as LightGBM model names (no '-').</summary>
    public string[] ModelNames => Features.Select(f => f.Replace('-', '_')).ToArray();

    public static AdultTable Load(DemoData data)
    {
        if (data.Find("tabular", "adult.data") is { } full)
        {
            return new AdultTable(CsvTable.Read(full, new CsvReadOptions { HasHeader = false, ColumnNames = Columns }), full);
        }

        if (data.Find("adult", "adult-sample.csv") is { } sample) return new AdultTable(CsvTable.Read(sample), sample);
        throw new DemoSkipException(data.Missing("tabular/adult.data or adult/adult-sample.csv"));
    }

    /// <summary>Rows [start, start + count) as a row-major slice.</summary>
    public double[] Slice(int start, int count) => X.AsSpan(start * Features.Length, count * Features.Length).ToArray();

    private static string[] Distinct(CsvTable table, string column)
    {
        int c = table.IndexOf(column);
        return Enumerable.Range(0, table.RowCount).Select(r => table[r, c]).OfType<string>().Distinct().ToArray();
    }
}
