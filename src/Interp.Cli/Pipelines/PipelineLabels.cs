using System.Globalization;
using Interp.Explainers;
using Interp.Explainers.Tensors;
using Interp.Trees.Data;

namespace Interp.Cli.Pipelines;

/// <summary>
/// The label column of a pipeline's data file as numbers for global importance: numeric cells as they are,
/// <c>true/false</c> as 1/0, and with <c>PositiveLabel</c> any text as 1 when it equals that value, else 0.
/// </summary>
internal static class PipelineLabels
{
    public static NdArray<float> Read(string dataPath, string label, string? positiveLabel, string settingPath)
    {
        var table = CsvTable.Read(dataPath);
        int column = table.IndexOf(label);
        if (column < 0) throw new InterpException($"{settingPath}:Label: data file '{dataPath}' has no column '{label}'; its columns: {string.Join(", ", table.ColumnNames)}.") { IsConfigurationError = true };
        var values = new float[table.RowCount];
        for (int r = 0; r < table.RowCount; r++)
        {
            var cell = table[r, column]?.Trim() ?? "";
            values[r] = positiveLabel is not null ? (string.Equals(cell, positiveLabel.Trim(), StringComparison.Ordinal) ? 1f : 0f) : Parse(cell, dataPath, table.LineOf(r), label, settingPath);
        }

        return new NdArray<float>(values, values.Length);
    }

    private static float Parse(string cell, string dataPath, int line, string label, string settingPath)
    {
        if (float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v)) return v;
        if (bool.TryParse(cell, out var b)) return b ? 1f : 0f;
        throw new InterpException(
            $"'{dataPath}' line {line}: label '{label}' is '{cell}', not a number or true/false; set {settingPath}:PositiveLabel to the value that means 1.")
        { IsConfigurationError = true };
    }
}
