using Interp.Backends.MLNet;
using Interp.Explainers.Attribution.KernelShap;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Microsoft.ML;

namespace Interp.Explainers.MLNet;

/// <summary>KernelShap: any prediction step; fitting reads the background's feature vectors.</summary>
internal sealed class KernelShapSetup : ExplainerSetup
{
    private const string Supported = "any model with a trainer's prediction step";
    private readonly ITransformer _model;
    private readonly IDataView _background;
    private readonly KernelShapEstimatorOptions _options;
    private readonly bool _multiclass;

    public KernelShapSetup(MLContext ml, ITransformer model, IDataView background, KernelShapEstimatorOptions options)
    {
        var predictor = ChainModel.Predictor(model, Name, Supported);
        Context = ml;
        _model = model;
        _background = background;
        _options = options;
        _multiclass = ShapColumns.IsMulticlass(predictor) && options.Target is null;
        InputColumn = predictor.FeatureColumnName;
    }

    public override MLContext Context { get; }

    public override string Name => "KernelShap";

    public override string InputColumn { get; }

    public override IReadOnlyList<(string Name, bool IsVector)> OutputShape => ShapColumns.Shape(_options, _multiclass);

    public override int WindowRows => _options.WindowRows;

    public override IWindowExplainer Fit(IDataView data)
    {
        var model = ChainModel.Load(Context, _model, data.Schema, _options.Output, Name);
        var background = ChainModel.Features(model, _background, Name, "background", out int rows);
        int outputs = model.Output.Shape[1];
        if (_options.Target is int t && t >= outputs) throw new InterpException($"{Name}: target {t} is out of range; the model has {outputs} outputs.") { IsConfigurationError = true };
        return new Window(model, new NdArray<float>(background, rows, model.FeatureCount), _options, outputs);
    }

    /// <summary>One KernelShap request per row and output (rows in parallel, seeds derived from the row's position).</summary>
    private sealed class Window : IWindowExplainer
    {
        private readonly MLNetModel _model;
        private readonly NdArray<float> _background;
        private readonly KernelShapEstimatorOptions _options;
        private readonly KernelShap _explainer;
        private readonly int[] _targets;
        private readonly PlayerGroups _groups;
        private readonly NdArray<int>? _mask;

        public Window(MLNetModel model, NdArray<float> background, KernelShapEstimatorOptions options, int outputs)
        {
            _model = model;
            _background = background;
            _options = options;
            _explainer = new KernelShap(options.Explainer);
            _targets = options.Target is int t ? [t] : Enumerable.Range(0, outputs).ToArray();
            if (options.GroupBySourceColumn)
            {
                _groups = PlayerGroups.By(model.FeatureSourceColumns);
                _mask = new NdArray<int>(_groups.GroupOf, 1, model.FeatureCount);
            }
            else
            {
                _groups = PlayerGroups.Identity(model.FeatureNames);
            }

            var names = ShapColumns.OutputNames(model, outputs);
            Columns = ShapColumns.Create(options, options.Target is int k ? [names[k]] : names, _groups.Names);
        }

        public string InputColumn => _model.FeatureColumn;

        public int InputWidth => _model.FeatureCount;

        public IReadOnlyList<ExplanationColumn> Columns { get; }

        public float[][] Explain(float[] rows, int count, long firstRow, CancellationToken cancellationToken)
        {
            int f = InputWidth, k = _targets.Length, g = _groups.Count;
            var shap = new float[count * k * g];
            var bases = new float[count * k];
            int seed = _options.Explainer.Seed ?? 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.ThreadCount, CancellationToken = cancellationToken };
            Parallel.For(0, count, parallel, r =>
            {
                var x = new NdArray<float>(rows.AsSpan(r * f, f).ToArray(), 1, f);
                for (int o = 0; o < k; o++)
                {
                    var request = new AttributionRequest
                    {
                        Model = _model,
                        Inputs = [x],
                        Baselines = _background,
                        Targets = [_targets[o]],
                        FeatureMask = _mask,
                        Seed = unchecked((seed * 1_000_003) + (int)(firstRow + r)),
                    };
                    var e = _explainer.ExplainAsync(request, cancellationToken).GetAwaiter().GetResult();
                    var values = _mask is null ? e.Attributions.Data : e.Extras["group_attributions"].Data;
                    values.AsSpan(0, g).CopyTo(shap.AsSpan(((r * k) + o) * g, g));
                    bases[(r * k) + o] = (float)e.Quality["base_value"][0];
                }
            });
            return [shap, bases];
        }
    }
}
