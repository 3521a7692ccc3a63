using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Ops;

/// <summary>Reductions (axes as an attribute before opset 18 — opset 13 for ReduceSum — and as an input after).</summary>
internal static class ReduceOps
{
    public static void Register(Dictionary<string, OnnxOp> ops)
    {
        ops["ReduceMean"] = (n, i) => [Reduce(n, i, 18, (x, axes, keep) => x.mean(axes, keep))];
        ops["ReduceSum"] = (n, i) => [Reduce(n, i, 13, (x, axes, keep) => x.sum(axes, keep))];
        ops["ReduceMax"] = (n, i) => [Reduce(n, i, 18, (x, axes, keep) => x.amax(axes, keep))];
        ops["ReduceMin"] = (n, i) => [Reduce(n, i, 18, (x, axes, keep) => x.amin(axes, keep))];
        ops["ReduceProd"] = (n, i) => [Reduce(n, i, 18, (x, axes, keep) => axes.OrderDescending().Aggregate(x, (t, a) => t.prod(a, keep)))];
        ops["ReduceSumSquare"] = (n, i) => [Reduce(n, i, 18, (x, axes, keep) => (x * x).sum(axes, keep))];
        ops["ReduceL2"] = (n, i) => [Reduce(n, i, 18, (x, axes, keep) => (x * x).sum(axes, keep).sqrt())];
        ops["ArgMax"] = (n, i) => [n.Required(i, 0).argmax(n.Int("axis", 0), n.Int("keepdims", 1) != 0)];
    }

    private static Tensor Reduce(OnnxNode n, Tensor?[] i, int opsetWithInput, Func<Tensor, long[], bool, Tensor> reduce)
    {
        var x = n.Required(i, 0);
        bool keep = n.Int("keepdims", 1) != 0;
        long[]? axes = n.Opset >= opsetWithInput ? (i.Length > 1 && i[1] is { } a ? OnnxNode.Longs(a) : null) : n.Ints("axes");
        if (axes is null || axes.Length == 0)
        {
            if (n.Int("noop_with_empty_axes", 0) != 0) return x;
            axes = Enumerable.Range(0, (int)x.dim()).Select(d => (long)d).ToArray();
        }

        axes = axes.Select(a => a < 0 ? a + x.dim() : a).ToArray();
        return reduce(x, axes, keep);
    }
}
