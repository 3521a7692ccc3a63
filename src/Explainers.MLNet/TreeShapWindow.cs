using Interp.Backends.MLNet;
using Interp.Explainers.Attribution.TreeShap;

namespace Interp.Explainers.MLNet;

/// <summary>TreeShap on windows of feature vectors: path-dependent (calculator kept across windows, with its Fast TreeSHAP tables) or interventional.</summary>
internal sealed class TreeShapWindow : IWindowExplainer
{
    private readonly TreeShapCalculator? _path;
    private readonly InterventionalTreeShap? _interventional;
    private readonly bool _probability;
    private readonly int _threads;
    private readonly int _outputs;
    private readonly PlayerGroups _groups;

    public TreeShapWindow(MLNetTreeModel model, object calculator, bool probability, TreeShapEstimatorOptions options)
    {
        _path = calculator as TreeShapCalculator;
        _interventional = calculator as InterventionalTreeShap;
        var players = _path?.Players ?? _interventional!.Players;
        _probability = probability;
        _threads = options.ThreadCount;
        _outputs = model.Ensemble.OutputCount;
        InputColumn = model.FeatureColumn;
        InputWidth = model.FeatureCount;
        if (options.GroupBySourceColumn)
        {
            // A player is one slot or a whole one-hot column: its source is the source of any of its slots.
            var sources = new string[players.Count];
            for (int slot = 0; slot < model.FeatureCount; slot++) sources[players.FeaturePlayer[slot]] = model.FeatureSourceColumns[slot];
            _groups = PlayerGroups.By(sources);
        }
        else
        {
            _groups = PlayerGroups.Identity(players.Names);
        }

        Columns = ShapColumns.Create(options, ShapColumns.OutputNames(model, _outputs), _groups.Names);
    }

    public string InputColumn { get; }

    public int InputWidth { get; }

    public IReadOnlyList<ExplanationColumn> Columns { get; }

    public float[][] Explain(float[] rows, int count, long firstRow, CancellationToken cancellationToken)
    {
        var x = new double[count * InputWidth];
        for (int i = 0; i < x.Length; i++) x[i] = rows[i];
        double[] phi;
        IReadOnlyList<double> expected;
        if (_path is not null)
        {
            phi = _path.ShapValues(x, _threads, cancellationToken);
            expected = _path.ExpectedValues;
        }
        else if (_probability)
        {
            phi = _interventional!.ProbabilityValues(x, out double baseValue, _threads, cancellationToken);
            expected = [baseValue];
        }
        else
        {
            phi = _interventional!.ShapValues(x, _threads, cancellationToken);
            expected = _interventional.ExpectedValues;
        }

        var bases = new float[count * _outputs];
        for (int r = 0; r < count; r++) for (int k = 0; k < _outputs; k++) bases[(r * _outputs) + k] = (float)expected[k];
        return [_groups.Sum(phi, count * _outputs), bases];
    }
}
