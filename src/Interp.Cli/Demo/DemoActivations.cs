using System.Globalization;
using Interp.Sae.Training;

namespace Interp.Cli.Demo;

/// <summary>Activations held in memory as an SAE training source: rows drawn in a seeded random order, one epoch after another.</summary>
internal sealed class DemoActivations : ITrainingBatchSource
{
    private readonly float[] _rows;
    private readonly int[] _order;
    private int _cursor;

    public DemoActivations(float[] rows, int dModel, string fingerprint, int seed)
    {
        _rows = rows;
        DModel = dModel;
        Fingerprint = fingerprint;
        _order = Enumerable.Range(0, rows.Length / dModel).ToArray();
        new Random(seed).Shuffle(_order);
    }

    public int DModel { get; }

    public string Fingerprint { get; }

    public int Rows => _order.Length;

    public float[] NextBatch(int rows)
    {
        var batch = new float[rows * DModel];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(_rows, _order[_cursor] * DModel, batch, r * DModel, DModel);
            _cursor = (_cursor + 1) % _order.Length;
        }

        return batch;
    }

    public BatchSourceState SaveState() =>
        new(nameof(DemoActivations), new Dictionary<string, string> { ["cursor"] = _cursor.ToString(CultureInfo.InvariantCulture), ["fingerprint"] = Fingerprint }, new Dictionary<string, Interp.Sae.IO.NamedArray>());

    public void RestoreState(BatchSourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != nameof(DemoActivations) || state.Values["fingerprint"] != Fingerprint) throw new Explainers.InterpException("the saved position belongs to other data.");
        _cursor = int.Parse(state.Values["cursor"], CultureInfo.InvariantCulture);
    }
}
