using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Backends.MLNet;

/// <summary>
/// An in-memory <see cref="IDataView"/> over typed column arrays: float, double, int, long, bool, text
/// (<see cref="ReadOnlyMemory{T}"/> of char) and fixed-size float vectors (row-major float[]).
/// </summary>
internal sealed class ColumnarDataView : IDataView
{
    private readonly Array[] _values;
    private readonly int[] _vectorSizes;

    public ColumnarDataView(IReadOnlyList<(string Name, DataViewType Type, Array Values)> columns, int rowCount)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var c in columns) builder.AddColumn(c.Name, c.Type);
        Schema = builder.ToSchema();
        _values = columns.Select(c => c.Values).ToArray();
        _vectorSizes = columns.Select(c => c.Type is VectorDataViewType v ? v.Size : 0).ToArray();
        RowCount = rowCount;
    }

    public int RowCount { get; }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    /// <summary>A view with one float vector column of <paramref name="size"/> slots over row-major <paramref name="rows"/>.</summary>
    public static ColumnarDataView Vectors(string name, float[] rows, int size) =>
        new([(name, new VectorDataViewType(NumberDataViewType.Single, size), rows)], size == 0 ? 0 : rows.Length / size);

    public long? GetRowCount() => RowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private Delegate Getter(int column, Cursor cursor) => _values[column] switch
    {
        float[] f when _vectorSizes[column] > 0 => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) =>
        {
            int size = _vectorSizes[column];
            var editor = VBufferEditor.Create(ref v, size);
            f.AsSpan((int)cursor.Position * size, size).CopyTo(editor.Values);
            v = editor.Commit();
        }),
        float[] f => (ValueGetter<float>)((ref float v) => v = f[cursor.Position]),
        double[] d => (ValueGetter<double>)((ref double v) => v = d[cursor.Position]),
        int[] i => (ValueGetter<int>)((ref int v) => v = i[cursor.Position]),
        long[] l => (ValueGetter<long>)((ref long v) => v = l[cursor.Position]),
        bool[] b => (ValueGetter<bool>)((ref bool v) => v = b[cursor.Position]),
        ReadOnlyMemory<char>[] t => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = t[cursor.Position]),
        _ => throw new InvalidOperationException($"Column {column} has unsupported values {_values[column].GetType()}."),
    };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ColumnarDataView _view;
        private long _position = -1;

        public Cursor(ColumnarDataView view) => _view = view;

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view.RowCount)
            {
                _position = _view.RowCount;
                return false;
            }

            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            _view.Getter(column.Index, this) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
    }
}
