using Interp.Explainers.Models;
using Interp.Trees;
using Interp.Trees.LightGbm;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace Interp.Backends.MLNet;

/// <summary>
/// An ML.NET FastTree, FastForest or LightGBM model (binary, regression; multiclass through ML.NET's ONNX export) as
/// an <see cref="MLNetModel"/> that also exposes its exact trees: the raw score of a feature vector is
/// <see cref="TreeEnsemble.PredictRaw"/> of <see cref="Ensemble"/>. ML.NET keeps no node counts: call
/// <see cref="WithCovers"/> with data to route it through the trees.
/// </summary>
public sealed class MLNetTreeModel : MLNetModel, ITreeEnsembleModel
{
    private TreeEnsemble _ensemble;

    internal MLNetTreeModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelSource source, MLNetOutput output)
        : base(ml, transformer, inputSchema, source, output)
    {
        var (ensemble, path, formula) = MLNetTreeReader.Read(ml, Predictor, FeatureCount);
        var sources = SourceColumns;
        var sourceIndex = FeatureSourceColumns.Select(s => sources.ToList().IndexOf(s)).ToArray();
        var trees = ensemble.Trees.Select(t => t with
        {
            CategoricalColumn = Enumerable.Range(0, t.NodeCount).Select(n => t.KindAt(n) == SplitKind.OneHotSet ? sourceIndex[t.CategoricalSets![n]![0]] : -1).ToArray(),
        }).ToList();
        _ensemble = ensemble with { Trees = trees, FeatureNames = FeatureNames, SourceColumns = sources, FeatureSourceColumn = sourceIndex };
        TreePath = path;
        MulticlassScores = formula?.Kind;
    }

    /// <summary>The trees, with slot names and source columns; covers only after <see cref="WithCovers"/>.</summary>
    public TreeEnsemble Ensemble => _ensemble;

    /// <summary>Where the trees were read from (ML.NET's tree API, or its ONNX export for multiclass models).</summary>
    public string TreePath { get; }

    /// <summary>For multiclass models, how raw scores become the Score column: <c>softmax</c>, <c>calibrated-normalized</c> or <c>raw</c>.</summary>
    public string? MulticlassScores { get; }

    /// <summary>Counts the rows of <paramref name="data"/> (raw input rows) through every node, replacing the covers.</summary>
    /// <param name="data">Raw rows with the model's input columns (e.g. the training set).</param>
    /// <returns>This model.</returns>
    public MLNetTreeModel WithCovers(IDataView data)
    {
        var x = Featurize(data);
        _ensemble = TreeCovers.Compute(_ensemble, Array.ConvertAll(x.Data, v => (double)v));
        return this;
    }

    /// <summary>
    /// The ensemble in LightGBM's model text format (with counts when covers are set), so native LightGBM can serve as an
    /// independent reference. One-hot sets become LightGBM categorical splits on one code feature per source column;
    /// <paramref name="layout"/> turns feature vectors into the rows native LightGBM reads.
    /// </summary>
    /// <param name="layout">Slots → slots plus category codes.</param>
    public string ToLightGbmText(out OneHotCodeLayout layout)
    {
        var (converted, codes) = OneHotCodeLayout.Convert(_ensemble);
        layout = codes;
        return LightGbmTextWriter.Write(converted with { Link = converted.Link.Offset != 0 ? OutputLink.Identity : converted.Link });
    }

    internal static bool IsTreeEnsemble(ISingleFeaturePredictionTransformer<object> predictor)
    {
        var model = predictor.Model is CalibratedModelParametersBase c ? c.SubModel : predictor.Model;
        return model is TreeEnsembleModelParameters;
    }
}
