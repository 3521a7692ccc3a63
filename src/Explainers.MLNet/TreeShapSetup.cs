using Interp.Backends.MLNet;
using Interp.Explainers.Attribution.TreeShap;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Interp.Explainers.MLNet;

/// <summary>TreeShap before fitting: the chain's predictor is checked to be a tree ensemble (or a multiclass model that may be one).</summary>
internal sealed class TreeShapSetup : ExplainerSetup
{
    internal const string Supported = "FastTree, FastForest and LightGBM models (binary, regression; multiclass without categorical splits)";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly TreeShapEstimatorOptions _options;
    private readonly bool _multiclass;

    public TreeShapSetup(MLContext ml, ITransformer model, TreeShapEstimatorOptions options)
    {
        var predictor = ChainModel.Predictor(model, Name, Supported);
        var inner = predictor.Model is CalibratedModelParametersBase c ? c.SubModel : predictor.Model;
        if (inner is not (TreeEnsembleModelParameters or OneVersusAllModelParameters))
        {
            throw new InterpException($"{Name}: the chain's model is {ChainModel.Describe(predictor)}; {Name} explains {Supported}. Use LinearShap for linear models, KernelShap for any other.");
        }

        _ml = ml;
        _model = model;
        _options = options;
        _multiclass = ShapColumns.IsMulticlass(predictor);
        InputColumn = predictor.FeatureColumnName;
    }

    public override MLContext Context => _ml;

    public override string Name => "TreeShap";

    public override string InputColumn { get; }

    public override IReadOnlyList<(string Name, bool IsVector)> OutputShape => ShapColumns.Shape(_options, _multiclass);

    public override int WindowRows => _options.WindowRows;

    public override IWindowExplainer Fit(IDataView data)
    {
        var model = ChainModel.Load(_ml, _model, data.Schema, MLNetOutput.Score, Name);
        if (model is not MLNetTreeModel trees)
        {
            throw new InterpException($"{Name}: the chain's model is {ChainModel.Describe(model.Predictor)}, whose trees cannot be read ({model.TreesUnavailableReason ?? "not a tree ensemble"}); {Name} explains {Supported}.");
        }

        var explainer = _options.Explainer;
        bool interventional = explainer.FeaturePerturbation == "interventional" || (explainer.FeaturePerturbation == "auto" && _options.Background is not null);
        if (interventional)
        {
            if (_options.Background is null) throw new InterpException($"{Name}: interventional SHAP needs a background set (TreeShapEstimatorOptions.Background).") { IsConfigurationError = true };
            var background = ChainModel.Features(trees, _options.Background, Name, "background", out _);
            bool probability = explainer.ModelOutput == "probability";
            if (probability && trees.Ensemble.OutputCount != 1) throw new InterpException($"{Name}: probability output is for binary models; this model has {trees.Ensemble.OutputCount} outputs.") { IsConfigurationError = true };
            return new TreeShapWindow(trees, new InterventionalTreeShap(trees.Ensemble, Array.ConvertAll(background, v => (double)v)), probability, _options);
        }

        if (explainer.ModelOutput == "probability")
        {
            throw new InterpException($"{Name}: probability output needs interventional SHAP with a background set (path-dependent values cannot be exact after a sigmoid).") { IsConfigurationError = true };
        }

        ChainModel.Features(trees, data, Name, "data the explainer is fitted on", out _);
        trees.WithCovers(data);
        return new TreeShapWindow(trees, new TreeShapCalculator(trees.Ensemble), false, _options);
    }
}
