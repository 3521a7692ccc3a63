using Interp.Explainers.Explanations;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary><c>mlContext.Explain().MeanAbsoluteShap(...)</c>: global importance from an explanation column.</summary>
public static class ShapSummaryCatalogExtensions
{
    /// <summary>
    /// Mean |value| per slot of a SHAP column over all rows of <paramref name="explained"/> (streamed: one row at a
    /// time, so the explanation windows are computed once and never held together).
    /// </summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="explained">Data with a SHAP column (the output of a SHAP transformer).</param>
    /// <param name="columnName">The SHAP column (default <c>Shap</c>).</param>
    /// <returns>Importance per slot (metric <c>mean_abs_shap</c>), named by the column's slot names.</returns>
    /// <exception cref="InterpException">The column is missing, not a Single vector, or the data is empty.</exception>
    public static GlobalImportanceExplanation MeanAbsoluteShap(this ExplainCatalog catalog, IDataView explained, string columnName = "Shap")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(explained);
        var column = explained.Schema.GetColumnOrNull(columnName) ?? throw new InterpException($"MeanAbsoluteShap: the data has no column '{columnName}'.");
        if (column.Type is not VectorDataViewType { Size: > 0 } vector || vector.ItemType != NumberDataViewType.Single)
        {
            throw new InterpException($"MeanAbsoluteShap: column '{columnName}' is {column.Type}; expected a fixed-size vector of Single.");
        }

        int width = vector.Size;
        var sums = new double[width];
        long rows = 0;
        using (var cursor = explained.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> v = default;
            var row = new float[width];
            while (cursor.MoveNext())
            {
                getter(ref v);
                v.CopyTo(row);
                for (int i = 0; i < width; i++) sums[i] += Math.Abs(row[i]);
                rows++;
            }
        }

        if (rows == 0) throw new InterpException("MeanAbsoluteShap: the data is empty.");
        var names = Enumerable.Range(0, width).Select(i => $"f{i}").ToArray();
        if (column.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> slots = default;
            column.GetSlotNames(ref slots);
            int i = 0;
            foreach (var s in slots.DenseValues()) names[i++] = s.ToString();
        }

        return new GlobalImportanceExplanation
        {
            Method = "MeanAbsoluteShap",
            Level = ExplainerLevel.Global,
            Labels = new ExplanationLabels { FeatureNames = names },
            Importance = sums.Select(s => s / rows).ToArray(),
            Metric = "mean_abs_shap",
        };
    }
}
