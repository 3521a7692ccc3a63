using Interp.Explainers;
using Interp.Explainers.Models;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Interp.Backends.MLNet;

/// <summary>
/// Reads the trees of an ML.NET prediction step. Binary and regression models (FastTree, FastForest, LightGBM): the
/// public tree API (splits, thresholds, one-hot sets, leaf values, weights, bias) plus each numeric node's
/// missing-value direction from the ONNX export. Multiclass models: ML.NET 5.0.1 has no public access to the per-class
/// models, so the per-class trees come from the ONNX export, checked against ML.NET's own scores.
/// </summary>
internal static class MLNetTreeReader
{
    public static (TreeEnsemble Ensemble, string Path, MulticlassFormula? Formula) Read(MLContext ml, ISingleFeaturePredictionTransformer<object> predictor, int featureCount)
    {
        object model = predictor.Model;
        var link = OutputLink.Identity;
        if (model is CalibratedModelParametersBase calibrated)
        {
            if (calibrated.Calibrator is PlattCalibrator platt) link = new OutputLink(LinkFunction.Logistic, -platt.Slope, -platt.Offset);
            model = calibrated.SubModel;
        }

        if (model is OneVersusAllModelParameters) return ReadMulticlass(ml, predictor, featureCount);
        (IReadOnlyList<RegressionTreeBase> trees, IReadOnlyList<double> weights, double bias) = model switch
        {
            TreeEnsembleModelParametersBasedOnRegressionTree r => (r.TrainedTreeEnsemble.Trees, r.TrainedTreeEnsemble.TreeWeights, r.TrainedTreeEnsemble.Bias),
            TreeEnsembleModelParametersBasedOnQuantileRegressionTree q => ((IReadOnlyList<RegressionTreeBase>)q.TrainedTreeEnsemble.Trees, q.TrainedTreeEnsemble.TreeWeights, q.TrainedTreeEnsemble.Bias),
            _ => throw new InterpException($"The ML.NET model's predictor ({model.GetType().Name}) is not a FastTree, FastForest or LightGBM tree ensemble."),
        };

        // FastForest regression averages its trees (Score = sum / number of trees).
        double scale = model is FastForestRegressionModelParameters ? 1.0 / trees.Count : 1.0;
        var onnx = MLNetOnnxTrees.Export(ml, predictor, predictor.FeatureColumnName, featureCount);
        if (onnx.Ensembles.Count != 1 || onnx.Ensembles[0].Trees.Count != trees.Count)
        {
            throw new InterpException($"ML.NET's ONNX export of the {model.GetType().Name} has {onnx.Ensembles.Sum(e => e.Trees.Count)} trees, its tree API {trees.Count}.");
        }

        var result = new List<DecisionTree>(trees.Count);
        for (int t = 0; t < trees.Count; t++) result.Add(Convert(trees[t], onnx.Ensembles[0].Trees[t], weights[t] * scale, t));
        var ensemble = new TreeEnsemble(result, [bias], 1, featureCount) { Link = link };
        return (ensemble, "ML.NET tree API; missing-value directions from its ONNX export", null);
    }

    private static DecisionTree Convert(RegressionTreeBase tree, DecisionTree exported, double weight, int index)
    {
        int nodes = tree.NumberOfNodes;
        if (exported.NodeCount != nodes) throw new InterpException($"Tree {index}: ML.NET's ONNX export has {exported.NodeCount} nodes, its tree API {nodes}.");
        var kind = new SplitKind[nodes];
        var feature = new int[nodes];
        var threshold = new double[nodes];
        var sets = new int[]?[nodes];
        var defaultLeft = new bool[nodes];
        for (int n = 0; n < nodes; n++)
        {
            threshold[n] = tree.NumericalSplitThresholds[n];
            if (tree.CategoricalSplitFlags[n])
            {
                kind[n] = SplitKind.OneHotSet;
                sets[n] = tree.GetCategoricalSplitFeaturesAt(n).Order().ToArray();
                feature[n] = sets[n]!.Length > 0 ? sets[n]![0] : tree.NumericalSplitFeatureIndexes[n];
                continue;
            }

            feature[n] = tree.NumericalSplitFeatureIndexes[n];
            if (exported.SplitFeature[n] != feature[n] || (float)exported.Threshold[n] != tree.NumericalSplitThresholds[n]
                || exported.LeftChild[n] != tree.LeftChild[n] || exported.RightChild[n] != tree.RightChild[n])
            {
                throw new InterpException($"Tree {index} node {n}: ML.NET's ONNX export disagrees with its tree API.");
            }

            defaultLeft[n] = exported.DefaultLeft![n];
        }

        return new DecisionTree
        {
            LeftChild = tree.LeftChild.ToArray(),
            RightChild = tree.RightChild.ToArray(),
            SplitFeature = feature,
            Threshold = threshold,
            Kind = kind,
            DefaultLeft = defaultLeft,
            CategoricalSets = sets.Any(s => s is not null) ? sets : null,
            LeafValue = tree.LeafValues.ToArray(),
            Weight = weight,
        };
    }

    private static (TreeEnsemble, string, MulticlassFormula) ReadMulticlass(MLContext ml, ISingleFeaturePredictionTransformer<object> predictor, int featureCount)
    {
        var onnx = MLNetOnnxTrees.Export(ml, predictor, predictor.FeatureColumnName, featureCount);
        if (onnx.Ensembles.Count < 2) throw new InterpException($"ML.NET's ONNX export of the multiclass model has {onnx.Ensembles.Count} tree ensemble(s); expected one per class.");
        if (onnx.Ensembles.Any(e => e.HasCategorical))
        {
            throw new InterpException("ML.NET's ONNX export of this multiclass model drops its categorical splits (UseCategoricalSplit); retrain without them to explain it as trees.");
        }

        var trees = onnx.Ensembles.SelectMany((e, k) => e.Trees.Select(t => t with { OutputIndex = k, MissingType = null })).ToList();
        var formula = MulticlassFormula.Read(onnx);
        var ensemble = new TreeEnsemble(trees, new double[onnx.Ensembles.Count], onnx.Ensembles.Count, featureCount)
        {
            Link = formula.Kind == "softmax" ? new OutputLink(LinkFunction.Softmax) : OutputLink.Identity,
        };
        MulticlassCheck.AgainstScores(ml, predictor, ensemble, formula);
        return (ensemble, $"ML.NET's ONNX export (per-class trees, {formula.Kind} scores), checked against ML.NET's scores", formula);
    }
}
