using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary>A cursor over <see cref="ExplainedDataView"/>: input columns come from the input cursor, explanation columns from the current window.</summary>
internal sealed class ExplainedCursor : DataViewRowCursor
{
    private readonly ExplainedDataView _view;
    private readonly DataViewRowCursor _main;
    private readonly DataViewRowCursor? _ahead;
    private readonly IWindowExplainer _explainer;
    private readonly int _windowRows;
    private readonly int _inputCount;
    private readonly bool[] _active;
    private readonly ValueGetter<VBuffer<float>>? _aheadGetter;
    private readonly float[] _rows;
    private VBuffer<float> _row;
    private float[][] _window = [];
    private long _windowStart;
    private int _windowCount;
    private long _position = -1;
    private bool _aheadDone;

    public ExplainedCursor(ExplainedDataView view, DataViewRowCursor main, DataViewRowCursor? ahead, IWindowExplainer explainer, int windowRows, int inputCount, bool[] active)
    {
        _view = view;
        _main = main;
        _ahead = ahead;
        _explainer = explainer;
        _windowRows = windowRows;
        _inputCount = inputCount;
        _active = active;
        _rows = ahead is null ? [] : new float[(long)windowRows * explainer.InputWidth];
        if (ahead is not null)
        {
            var column = ahead.Schema[explainer.InputColumn];
            _aheadGetter = column.Type is VectorDataViewType ? ahead.GetGetter<VBuffer<float>>(column) : Scalar(ahead.GetGetter<float>(column));
        }
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool MoveNext()
    {
        if (!_main.MoveNext()) return false;
        _position++;
        if (_ahead is not null && _position >= _windowStart + _windowCount) NextWindow();
        return true;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => _main.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => column.Index < _active.Length && _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < _inputCount) return _main.GetGetter<TValue>(_main.Schema[column.Index]);
        if (!IsColumnActive(column)) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
        int k = column.Index - _inputCount;
        var spec = _explainer.Columns[k];
        Delegate getter = spec.Width == 0
            ? (ValueGetter<float>)((ref float value) => value = _window[k][Offset()])
            : (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, spec.Width);
                _window[k].AsSpan(Offset() * spec.Width, spec.Width).CopyTo(editor.Values);
                value = editor.Commit();
            });
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _main.Dispose();
            _ahead?.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Offset() => checked((int)(_position - _windowStart));

    private void NextWindow()
    {
        int width = _explainer.InputWidth;
        int count = 0;
        while (count < _windowRows && !_aheadDone)
        {
            if (!_ahead!.MoveNext())
            {
                _aheadDone = true;
                break;
            }

            _aheadGetter!(ref _row);
            if (_row.Length != width) throw new InterpException($"Column '{_explainer.InputColumn}' has a row of {_row.Length} values; expected {width}.");
            _row.CopyTo(_rows.AsSpan(count * width, width));
            count++;
        }

        if (count == 0) throw new InvalidOperationException($"The input data gave fewer rows to the explanation cursor than to the row cursor (at row {_position}); the data view must give the same rows to every cursor.");
        _windowStart = _position;
        _windowCount = count;
        lock (_explainer)
        {
            _window = _explainer.Explain(_rows, count, _windowStart, CancellationToken.None);
        }
    }

    private static ValueGetter<VBuffer<float>> Scalar(ValueGetter<float> getter) => (ref VBuffer<float> value) =>
    {
        float x = 0;
        getter(ref x);
        var editor = VBufferEditor.Create(ref value, 1);
        editor.Values[0] = x;
        value = editor.Commit();
    };
}
