namespace Interp.Explainers.MLNet;

/// <summary>
/// A fitted explainer that turns a window of rows of one float vector column into the values of the columns it
/// appends. Implementations may keep state between windows (tables, buffers); the cursor calls them one window at a
/// time (under a lock).
/// </summary>
internal interface IWindowExplainer
{
    /// <summary>The column read from the data (e.g. the trainer's feature column, or an ONNX model's input).</summary>
    string InputColumn { get; }

    /// <summary>Floats per row of <see cref="InputColumn"/>.</summary>
    int InputWidth { get; }

    /// <summary>The appended columns.</summary>
    IReadOnlyList<ExplanationColumn> Columns { get; }

    /// <summary>Explains <paramref name="count"/> rows (row-major in <paramref name="rows"/>).</summary>
    /// <param name="rows">count × <see cref="InputWidth"/> floats (the buffer may be longer).</param>
    /// <param name="count">Rows in the window.</param>
    /// <param name="firstRow">Position of the window's first row in the data (for per-row seeds).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Per appended column, count × its length floats.</returns>
    float[][] Explain(float[] rows, int count, long firstRow, CancellationToken cancellationToken);
}
