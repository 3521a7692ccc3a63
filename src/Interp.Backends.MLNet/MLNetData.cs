using System.Globalization;
using Interp.Explainers;
using Interp.Trees.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Backends.MLNet;

/// <summary>
/// CSV/TSV files as ML.NET <see cref="IDataView"/>s with a model's input schema: columns matched by name, each cell
/// parsed as its model column's type (a cell that does not parse is an error naming the file, line and column), missing
/// cells (empty, <c>NA</c>, <c>?</c>) as NaN for numbers and empty text for strings; columns the model does not read
/// (the label, ids) are dropped.
/// </summary>
public static class MLNetData
{
    /// <summary>Loads a file with <paramref name="model"/>'s input columns.</summary>
    /// <param name="model">The model (its input schema and the columns it reads).</param>
    /// <param name="path">The CSV/TSV file.</param>
    /// <param name="options">How to read it (header, names, separator, missing tokens).</param>
    /// <exception cref="InterpException">A column the model reads is absent, or a cell is not of its column's type.</exception>
    public static IDataView LoadCsv(MLNetModel model, string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FromTable(CsvTable.Read(path, options), model.InputSchema, model.RequiredInputColumns());
    }

    /// <summary>A table as a data view with the columns of <paramref name="schema"/> that it has (all of <paramref name="required"/>).</summary>
    /// <param name="table">The data.</param>
    /// <param name="schema">The model's input schema (types to parse into).</param>
    /// <param name="required">Columns that must be present.</param>
    /// <exception cref="InterpException">A required column is absent, a cell does not parse, or a column type is not supported.</exception>
    public static IDataView FromTable(CsvTable table, DataViewSchema schema, IEnumerable<string> required)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(schema);
        var need = required.ToHashSet(StringComparer.Ordinal);
        var columns = new List<(string, DataViewType, Array)>();
        foreach (var column in schema)
        {
            if (column.IsHidden) continue;
            int c = table.IndexOf(column.Name);
            if (c < 0)
            {
                if (!need.Contains(column.Name)) continue;
                throw new InterpException($"Data file '{table.Source}' has no column '{column.Name}' ({column.Type}), which the model reads; its columns: {string.Join(", ", table.ColumnNames)}.");
            }

            columns.Add((column.Name, column.Type, Parse(table, c, column)));
        }

        return new ColumnarDataView(columns, table.RowCount);
    }

    private static Array Parse(CsvTable table, int c, DataViewSchema.Column column)
    {
        int n = table.RowCount;
        var type = column.Type.RawType;
        if (type == typeof(ReadOnlyMemory<char>))
        {
            return Enumerable.Range(0, n).Select(r => (table[r, c] ?? "").AsMemory()).ToArray();
        }

        if (type == typeof(float)) return Numbers(table, c, column, s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture), float.NaN);
        if (type == typeof(double)) return Numbers(table, c, column, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture), double.NaN);
        if (type == typeof(int)) return Numbers<int>(table, c, column, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), null);
        if (type == typeof(long)) return Numbers<long>(table, c, column, s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), null);
        if (type == typeof(bool)) return Numbers<bool>(table, c, column, ParseBool, null);
        throw new InterpException($"The model's input column '{column.Name}' is {column.Type}; CSV loading supports Single, Double, Int32, Int64, Boolean and String columns.");
    }

    private static T[] Numbers<T>(CsvTable table, int c, DataViewSchema.Column column, Func<string, T> parse, T? missing)
        where T : struct
    {
        var values = new T[table.RowCount];
        for (int r = 0; r < values.Length; r++)
        {
            var cell = table[r, c];
            if (cell is null)
            {
                values[r] = missing ?? throw new InterpException($"Data file '{table.Source}' line {table.LineOf(r)}, column '{column.Name}': the value is missing, and the model's {column.Type} column has no missing value.");
                continue;
            }

            try
            {
                values[r] = parse(cell);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw new InterpException($"Data file '{table.Source}' line {table.LineOf(r)}, column '{column.Name}': '{(cell.Length > 40 ? cell[..40] + "..." : cell)}' is not a valid {column.Type} (the model's type for '{column.Name}').", ex);
            }
        }

        return values;
    }

    private static bool ParseBool(string s) => s.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new FormatException(),
    };
}
