using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Tests.MLNet;

/// <summary>Reads explanation columns (and the columns they are checked against) out of an IDataView.</summary>
internal static class ExplainColumns
{
    /// <summary>A Single vector column as rows.</summary>
    public static float[][] Vectors(IDataView data, string name) =>
        data.GetColumn<VBuffer<float>>(data.Schema[name]).Select(v => v.DenseValues().ToArray()).ToArray();

    /// <summary>A Single column.</summary>
    public static float[] Scalars(IDataView data, string name) => data.GetColumn<float>(data.Schema[name]).ToArray();

    /// <summary>Slot names of a vector column.</summary>
    public static string[] SlotNames(IDataView data, string name)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        data.Schema[name].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>|a − b| / max(1, |b|).</summary>
    public static double Relative(double a, double b) => Math.Abs(a - b) / Math.Max(1, Math.Abs(b));
}
