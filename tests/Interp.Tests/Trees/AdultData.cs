using Interp.Trees.Data;

namespace Interp.Tests.Trees;

/// <summary>
/// UCI Adult from ../shared (no header, ", " separated, "?" missing), a fixed subset for speed: numeric columns as
/// numbers, categorical columns as codes (levels in order of first appearance), missing as NaN.
/// </summary>
internal sealed class AdultData
{
    public static readonly string[] Columns =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
        "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    public static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];

    public static string Path => System.IO.Path.Combine(TestPaths.Shared, "data", "tabular", "adult.data");

    private static readonly Lazy<CsvTable> Full = new(() => CsvTable.Read(Path, new CsvReadOptions { HasHeader = false, ColumnNames = Columns }));

    public static CsvTable Table => Full.Value;

    public AdultData(string label, int rows, int skip = 0)
    {
        var table = Table;
        Features = Columns.Where(c => c != label && c != "income").ToArray();
        Levels = Features.Select(f => Categorical.Contains(f) ? Distinct(table, f) : null).ToArray();
        LabelLevels = Categorical.Contains(label) ? Distinct(table, label) : [];
        RowCount = rows;
        int f = Features.Length;
        X = new double[rows * f];
        Y = new float[rows];
        var all = TabularMatrix.ToRows(table, Features, Levels);
        Array.Copy(all, skip * f, X, 0, rows * f);
        int li = table.IndexOf(label);
        for (int r = 0; r < rows; r++)
        {
            var cell = table[skip + r, li]!;
            Y[r] = label == "income" ? (cell == ">50K" ? 1 : 0) : Array.IndexOf(LabelLevels, cell);
        }
    }

    public string[] Features { get; }

    public IReadOnlyList<string>?[] Levels { get; }

    public string[] LabelLevels { get; }

    public int RowCount { get; }

    /// <summary>rows × features, row-major.</summary>
    public double[] X { get; }

    public float[] Y { get; }

    public int FeatureCount => Features.Length;

    /// <summary>LightGBM's categorical_feature parameter (indices of the categorical features).</summary>
    public string CategoricalIndices => string.Join(",", Enumerable.Range(0, Features.Length).Where(i => Levels[i] is not null));

    /// <summary>Sets a fraction of the cells of the given numeric features to NaN (deterministic).</summary>
    public AdultData WithMissing(double fraction, int seed, params string[] features)
    {
        var rng = new Random(seed);
        foreach (var name in features)
        {
            int j = Array.IndexOf(Features, name);
            for (int r = 0; r < RowCount; r++) if (rng.NextDouble() < fraction) X[r * FeatureCount + j] = double.NaN;
        }

        return this;
    }

    private static string[] Distinct(CsvTable table, string column)
    {
        int c = table.IndexOf(column);
        return Enumerable.Range(0, table.RowCount).Select(r => table[r, c]).OfType<string>().Distinct().ToArray();
    }
}
