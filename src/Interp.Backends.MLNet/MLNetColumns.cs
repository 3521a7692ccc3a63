using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Backends.MLNet;

/// <summary>Reads float or float-vector columns into row-major arrays (copying each row: cursors reuse their buffers).</summary>
internal static class MLNetColumns
{
    /// <summary>rows × width floats of column <paramref name="name"/> (width 1 for a scalar column).</summary>
    public static float[] Read(IDataView data, string name, int width)
    {
        var column = data.Schema[name];
        var result = new List<float>();
        using var cursor = data.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> v = default;
            while (cursor.MoveNext())
            {
                getter(ref v);
                if (v.Length != width) throw new InvalidOperationException($"Column '{name}' has {v.Length} slots, expected {width}.");
                foreach (var x in v.DenseValues()) result.Add(x);
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            float x = 0;
            while (cursor.MoveNext())
            {
                getter(ref x);
                result.Add(x);
            }
        }

        return result.ToArray();
    }
}
