using Interp.Explainers;
using Interp.Explainers.Models;
using Microsoft.ML;
using Onnx;

namespace Interp.Backends.MLNet;

/// <summary>
/// A prediction step exported with <c>mlContext.Model.ConvertToOnnx</c>, read back: one list of trees per
/// <c>TreeEnsembleRegressor</c> node (one per class for multiclass models), in graph order, with each node's
/// <c>nodes_missing_value_tracks_true</c> (ML.NET's missing-value direction, which its public tree API lacks). ML.NET
/// exports categorical splits as if numeric (LightGBM ones with feature id -1): callers check.
/// </summary>
internal sealed class MLNetOnnxTrees
{
    private MLNetOnnxTrees(GraphProto graph, List<(string Output, List<DecisionTree> Trees, bool HasCategorical)> ensembles)
    {
        Graph = graph;
        Ensembles = ensembles;
    }

    public GraphProto Graph { get; }

    public IReadOnlyList<(string Output, List<DecisionTree> Trees, bool HasCategorical)> Ensembles { get; }

    public static MLNetOnnxTrees Export(MLContext ml, ITransformer predictor, string featureColumn, int featureCount)
    {
        var view = ColumnarDataView.Vectors(featureColumn, new float[featureCount], featureCount);
        using var stream = new MemoryStream();
        try
        {
            ml.Model.ConvertToOnnx(predictor, view, stream);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new InterpException($"ML.NET could not export the prediction step ({predictor.GetType().Name}) to ONNX, which is needed to read its trees: {ex.Message}", ex);
        }

        var graph = ModelProto.Parser.ParseFrom(stream.ToArray()).Graph;
        var ensembles = graph.Node.Where(n => n.OpType == "TreeEnsembleRegressor").Select(Read).ToList();
        return new MLNetOnnxTrees(graph, ensembles);
    }

    /// <summary>The first float of an initializer (ML.NET's calibrator slopes and offsets).</summary>
    public float? Initializer(string name)
    {
        var t = Graph.Initializer.FirstOrDefault(i => i.Name == name);
        if (t is null) return null;
        return t.FloatData.Count > 0 ? t.FloatData[0] : BitConverter.ToSingle(t.RawData.Span);
    }

    private static (string, List<DecisionTree>, bool) Read(NodeProto node)
    {
        var a = node.Attribute.ToDictionary(x => x.Name);
        var treeIds = Ints(a, "nodes_treeids");
        var nodeIds = Ints(a, "nodes_nodeids");
        var features = Ints(a, "nodes_featureids");
        var values = a["nodes_values"].Floats;
        var modes = a["nodes_modes"].Strings.Select(s => s.ToStringUtf8()).ToArray();
        var trueIds = Ints(a, "nodes_truenodeids");
        var falseIds = Ints(a, "nodes_falsenodeids");
        var tracks = Ints(a, "nodes_missing_value_tracks_true");
        var targetTrees = Ints(a, "target_treeids");
        var targetNodes = Ints(a, "target_nodeids");
        var weights = a["target_weights"].Floats;
        bool categorical = false;
        var trees = new List<DecisionTree>();
        foreach (var tree in treeIds.Distinct())
        {
            var idx = Enumerable.Range(0, treeIds.Length).Where(i => treeIds[i] == tree).ToArray();
            int nodes = idx.Count(i => modes[i] != "LEAF");
            var left = new int[nodes];
            var right = new int[nodes];
            var feature = new int[nodes];
            var threshold = new double[nodes];
            var defaultLeft = new bool[nodes];
            var leaf = new double[idx.Length - nodes];
            int Child(long id) => id < nodes ? (int)id : ~(int)(id - nodes);
            foreach (int i in idx.Where(i => modes[i] != "LEAF"))
            {
                int n = (int)nodeIds[i];
                if (modes[i] != "BRANCH_LEQ") throw new InterpException($"ML.NET's ONNX export has a '{modes[i]}' tree node; only BRANCH_LEQ is read.");
                categorical |= features[i] < 0;
                (left[n], right[n], feature[n], threshold[n], defaultLeft[n]) = (Child(trueIds[i]), Child(falseIds[i]), (int)features[i], values[i], tracks[i] != 0);
            }

            for (int i = 0; i < targetTrees.Length; i++)
            {
                if (targetTrees[i] == tree) leaf[targetNodes[i] - nodes] = weights[i];
            }

            trees.Add(new DecisionTree { LeftChild = left, RightChild = right, SplitFeature = feature, Threshold = threshold, DefaultLeft = defaultLeft, LeafValue = leaf });
        }

        return (node.Output[0], trees, categorical);
    }

    private static long[] Ints(IReadOnlyDictionary<string, AttributeProto> a, string name) =>
        a.TryGetValue(name, out var x) ? x.Ints.ToArray() : throw new InterpException($"ML.NET's ONNX export lacks the tree attribute '{name}'.");

    /// <summary>The nodes consuming <paramref name="value"/>.</summary>
    public IEnumerable<NodeProto> Consumers(string value) => Graph.Node.Where(n => n.Input.Contains(value));
}
