using Microsoft.ML;
using Microsoft.ML.Data;

namespace Interp.Explainers.MLNet;

/// <summary>
/// A fitted explainer: <see cref="Transform"/> returns the input data plus the explanation columns. Nothing is computed
/// until a cursor moves; then rows are explained one window at a time (<see cref="WindowRows"/> rows, spread over the
/// cores), so any number of rows streams through a bounded amount of memory. Not a row-to-row mapper (no
/// <c>PredictionEngine</c>) and not savable into ML.NET's model format: keep the chain and re-create the explainer.
/// </summary>
public sealed class ExplanationTransformer : ITransformer, IDisposable
{
    private readonly IWindowExplainer _explainer;

    internal ExplanationTransformer(string name, IWindowExplainer explainer, int windowRows)
    {
        ExplainerName = name;
        _explainer = explainer;
        WindowRows = windowRows;
    }

    /// <summary>The explainer's name (e.g. <c>TreeShap</c>).</summary>
    public string ExplainerName { get; }

    /// <summary>Rows explained together (the memory bound: one window of inputs and outputs).</summary>
    public int WindowRows { get; }

    /// <summary>The float vector column read from the data.</summary>
    public string InputColumnName => _explainer.InputColumn;

    /// <summary>Floats per row of <see cref="InputColumnName"/>.</summary>
    public int InputWidth => _explainer.InputWidth;

    /// <summary>The appended columns.</summary>
    public IReadOnlyList<string> OutputColumnNames => _explainer.Columns.Select(c => c.Name).ToArray();

    /// <summary>Slot names of an appended vector column (empty for scalar columns).</summary>
    /// <param name="column">One of <see cref="OutputColumnNames"/>.</param>
    public IReadOnlyList<string> SlotNamesOf(string column) =>
        _explainer.Columns.FirstOrDefault(c => c.Name == column) is { } c
            ? c.SlotNames ?? []
            : throw new ArgumentException($"{ExplainerName} appends no column '{column}' (it appends {string.Join(", ", OutputColumnNames)}).", nameof(column));

    /// <summary>False: rows are explained in windows, not one by one.</summary>
    public bool IsRowToRowMapper => false;

    /// <summary>The input schema plus the explanation columns.</summary>
    /// <param name="inputSchema">The scored data's schema.</param>
    /// <exception cref="InterpException">The input column is missing or has the wrong type or width.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckInput(inputSchema);
        var builder = new DataViewSchema.Builder();
        var names = _explainer.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        builder.AddColumns(inputSchema);
        foreach (var c in _explainer.Columns)
        {
            if (c.Width == 0) builder.AddColumn(c.Name, NumberDataViewType.Single);
            else builder.AddColumn(c.Name, new VectorDataViewType(NumberDataViewType.Single, c.Width), c.SlotNames is { } s ? SlotNames.Annotations(s) : null);
        }

        return builder.ToSchema();
    }

    /// <summary>Not supported: explanations are computed in windows of rows.</summary>
    /// <param name="inputSchema">Ignored.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException($"{ExplainerName} explains rows in windows, not one by one: use Transform (no PredictionEngine).");

    /// <summary>The data with the explanation columns appended, computed lazily window by window.</summary>
    /// <param name="input">The scored data (the explained chain's output).</param>
    /// <exception cref="InterpException">The input column is missing or has the wrong type or width.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ExplainedDataView(input, GetOutputSchema(input.Schema), _explainer, WindowRows);
    }

    /// <summary>Not supported: ML.NET's model writers are internal to ML.NET.</summary>
    /// <param name="ctx">Ignored.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"{ExplainerName} cannot be saved into an ML.NET model file (ML.NET's model writers are internal); save the explained model and create the explainer again after loading it.");

    /// <summary>Releases what the explainer holds (e.g. the imported ONNX model's tensors).</summary>
    public void Dispose() => (_explainer as IDisposable)?.Dispose();

    private void CheckInput(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(_explainer.InputColumn)
            ?? throw new InterpException($"{ExplainerName}: the data has no column '{_explainer.InputColumn}' to explain (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}); apply it to the model's output (model.Append(explainer)).");
        int width = column.Type switch
        {
            VectorDataViewType { ItemType: var t, Size: var n } when t == NumberDataViewType.Single => n,
            var t when t == NumberDataViewType.Single => 1,
            _ => -1,
        };
        if (width != _explainer.InputWidth)
        {
            throw new InterpException($"{ExplainerName}: column '{_explainer.InputColumn}' is {column.Type}; the explained model reads {_explainer.InputWidth} Single values per row.");
        }
    }
}
