using Interp.Backends.MLNet;
using Interp.Explainers.Attribution.LinearShap;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;

namespace Interp.Explainers.MLNet;

/// <summary>LinearShap: the chain's predictor must be a linear model; fitting computes the background means.</summary>
internal sealed class LinearShapSetup : ExplainerSetup
{
    private const string Supported = "linear models (SDCA, L-BFGS, OLS, online gradient descent; binary or regression)";
    private readonly ITransformer _model;
    private readonly LinearShapEstimatorOptions _options;

    public LinearShapSetup(MLContext ml, ITransformer model, LinearShapEstimatorOptions options)
    {
        var predictor = ChainModel.Predictor(model, Name, Supported);
        var inner = predictor.Model is CalibratedModelParametersBase c ? c.SubModel : predictor.Model;
        if (inner is not LinearModelParameters || ShapColumns.IsMulticlass(predictor))
        {
            throw new InterpException($"{Name}: the chain's model is {ChainModel.Describe(predictor)}; {Name} explains {Supported}. Use TreeShap for tree ensembles, KernelShap for any other model.");
        }

        Context = ml;
        _model = model;
        _options = options;
        InputColumn = predictor.FeatureColumnName;
    }

    public override MLContext Context { get; }

    public override string Name => "LinearShap";

    public override string InputColumn { get; }

    public override IReadOnlyList<(string Name, bool IsVector)> OutputShape => ShapColumns.Shape(_options, false);

    public override int WindowRows => _options.WindowRows;

    public override IWindowExplainer Fit(IDataView data)
    {
        var model = ChainModel.Load(Context, _model, data.Schema, MLNetOutput.Score, Name) as MLNetLinearModel ?? throw new InterpException($"{Name}: the chain's model is not one of the {Supported}.");
        var background = ChainModel.Features(model, _options.Background ?? data, Name, _options.Background is null ? "data the explainer is fitted on" : "background", out int rows);
        int f = model.FeatureCount;
        var mean = new float[f];
        var sum = new double[f];
        for (int r = 0; r < rows; r++) for (int i = 0; i < f; i++) sum[i] += background[(r * f) + i];
        for (int i = 0; i < f; i++) mean[i] = (float)(sum[i] / rows);
        return new Window(model, new NdArray<float>(mean, 1, f), new LinearShap(_options.Explainer), _options);
    }

    /// <summary>One LinearShap request per window against the background mean.</summary>
    private sealed class Window : IWindowExplainer
    {
        private readonly MLNetLinearModel _model;
        private readonly NdArray<float> _mean;
        private readonly LinearShap _explainer;
        private readonly PlayerGroups _groups;

        public Window(MLNetLinearModel model, NdArray<float> mean, LinearShap explainer, LinearShapEstimatorOptions options)
        {
            _model = model;
            _mean = mean;
            _explainer = explainer;
            _groups = options.GroupBySourceColumn ? PlayerGroups.By(model.FeatureSourceColumns) : PlayerGroups.Identity(model.FeatureNames);
            Columns = ShapColumns.Create(options, ["output"], _groups.Names);
        }

        public string InputColumn => _model.FeatureColumn;

        public int InputWidth => _model.FeatureCount;

        public IReadOnlyList<ExplanationColumn> Columns { get; }

        public float[][] Explain(float[] rows, int count, long firstRow, CancellationToken cancellationToken)
        {
            var x = new NdArray<float>(rows.AsSpan(0, count * InputWidth).ToArray(), count, InputWidth);
            var e = _explainer.ExplainAsync(new AttributionRequest { Model = _model, Inputs = [x], Baselines = _mean }, cancellationToken).GetAwaiter().GetResult();
            var phi = Array.ConvertAll(e.Attributions.Data, v => (double)v);
            return [_groups.Sum(phi, count), Array.ConvertAll(e.Quality["base_value"], v => (float)v)];
        }
    }
}
