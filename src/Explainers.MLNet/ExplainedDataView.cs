using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>
/// The input data plus explanation columns. A cursor reads the input through two cursors in the same order: one for the
/// columns the caller asked for, one (only when an explanation column is active) that reads ahead one window of the
/// explained column; each window is explained when the caller's cursor enters it.
/// </summary>
internal sealed class ExplainedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly IWindowExplainer _explainer;
    private readonly int _windowRows;

    public ExplainedDataView(IDataView input, DataViewSchema schema, IWindowExplainer explainer, int windowRows)
    {
        _input = input;
        Schema = schema;
        _explainer = explainer;
        _windowRows = windowRows;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        int inputCount = _input.Schema.Count;
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        var inputColumns = needed.Where(i => i < inputCount).Select(i => _input.Schema[i]).ToArray();
        var active = new bool[Schema.Count];
        foreach (int i in needed) active[i] = true;
        bool explain = needed.Any(i => i >= inputCount);
        var main = _input.GetRowCursor(inputColumns);
        var ahead = explain ? _input.GetRowCursor([_input.Schema[_explainer.InputColumn]]) : null;
        return new ExplainedCursor(this, main, ahead, _explainer, _windowRows, inputCount, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
