using System.Globalization;
using Interp.Explainers;
using Interp.Explainers.Tensors;

namespace Interp.Trees.Data;

/// <summary>
/// A <see cref="CsvTable"/> as a feature matrix in a model's feature order: columns matched by name to the model's
/// feature names (other columns, such as the label, are not read), missing cells as NaN, category text mapped to codes
/// where the model has category levels.
/// </summary>
public static class TabularMatrix
{
    /// <summary>Row-major rows × features doubles.</summary>
    /// <param name="table">The data.</param>
    /// <param name="featureNames">The model's feature names, in its input order.</param>
    /// <param name="categoryLevels">Per feature, the text of each category code (code = position), or null for numeric features; null: all numeric.</param>
    /// <exception cref="InterpException">A feature has no column, or a cell of a numeric feature is not a number; the message names the file, line and column.</exception>
    public static double[] ToRows(CsvTable table, IReadOnlyList<string> featureNames, IReadOnlyList<IReadOnlyList<string>?>? categoryLevels = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(featureNames);
        int f = featureNames.Count;
        var columns = new int[f];
        for (int j = 0; j < f; j++)
        {
            columns[j] = table.IndexOf(featureNames[j]);
            if (columns[j] < 0)
            {
                throw new InterpException($"Data file '{table.Source}' has no column '{featureNames[j]}', which the model reads (feature {j}); its columns: {string.Join(", ", table.ColumnNames)}.");
            }
        }

        var codes = new Dictionary<string, int>?[f];
        for (int j = 0; j < f; j++)
        {
            var levels = categoryLevels is not null && j < categoryLevels.Count ? categoryLevels[j] : null;
            if (levels is null) continue;
            codes[j] = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int c = 0; c < levels.Count; c++) codes[j]!.TryAdd(levels[c], c);
        }

        var data = new double[table.RowCount * f];
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int j = 0; j < f; j++)
            {
                var cell = table[r, columns[j]];
                data[(r * f) + j] = cell is null ? double.NaN : Value(cell, codes[j], table, r, featureNames[j]);
            }
        }

        return data;
    }

    /// <summary>The matrix as a float <see cref="NdArray{T}"/> of shape [rows, features] (a model's input).</summary>
    /// <param name="table">The data.</param>
    /// <param name="featureNames">The model's feature names.</param>
    /// <param name="categoryLevels">Per feature, category levels or null.</param>
    public static NdArray<float> ToNdArray(CsvTable table, IReadOnlyList<string> featureNames, IReadOnlyList<IReadOnlyList<string>?>? categoryLevels = null)
    {
        var rows = ToRows(table, featureNames, categoryLevels);
        return new NdArray<float>(rows.Select(v => (float)v).ToArray(), table.RowCount, featureNames.Count);
    }

    private static double Value(string cell, Dictionary<string, int>? codes, CsvTable table, int row, string feature)
    {
        if (codes is not null)
        {
            // An unseen category is missing (LightGBM sends NaN and negative codes right, as pandas' code -1).
            if (codes.TryGetValue(cell, out var code)) return code;
            return double.NaN;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw new InterpException(
            $"Data file '{table.Source}' line {table.LineOf(row)}, column '{feature}': '{Clip(cell)}' is not a number, and the model reads '{feature}' as a number (category text needs category levels, e.g. a pandas_categorical line in a LightGBM model).");
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
