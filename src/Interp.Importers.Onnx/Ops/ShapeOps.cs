using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Ops;

/// <summary>Shape and indexing operators: Reshape, Flatten, Transpose, Concat, (Un)Squeeze, Gather, Slice, Shape, ...</summary>
internal static class ShapeOps
{
    public static void Register(Dictionary<string, OnnxOp> ops)
    {
        ops["Flatten"] = Flatten;
        ops["Reshape"] = Reshape;
        ops["Transpose"] = (n, i) => [Transpose(n, n.Required(i, 0))];
        ops["Concat"] = (n, i) => [cat(i.Where(t => t is not null && t.numel() > 0 || i.All(u => u is null || u.numel() == 0)).Select(t => t!).ToArray(), n.Int("axis", 0))];
        ops["Unsqueeze"] = Unsqueeze;
        ops["Squeeze"] = Squeeze;
        ops["Gather"] = Gather;
        ops["Shape"] = ShapeOf;
        ops["Size"] = (n, i) => [tensor(n.Required(i, 0).numel())];
        ops["Slice"] = Slice;
        ops["Constant"] = Constant;
        ops["ConstantOfShape"] = ConstantOfShape;
        ops["Expand"] = Expand;
        ops["Range"] = (n, i) => [arange(n.Required(i, 0).item<float>(), n.Required(i, 1).item<float>(), n.Required(i, 2).item<float>()).to_type(n.Required(i, 0).dtype)];
        ops["Split"] = Split;
        ops["Tile"] = (n, i) => [n.Required(i, 0).tile(OnnxNode.Longs(n.Required(i, 1)))];
    }

    private static Tensor[] Flatten(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        long axis = n.Int("axis", 1);
        if (axis < 0) axis += x.dim();
        long rows = x.shape.Take((int)axis).Aggregate(1L, (a, b) => a * b);
        return [x.reshape(rows, -1)];
    }

    private static Tensor[] Reshape(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        var shape = n.Opset >= 5 ? OnnxNode.Longs(n.Required(i, 1)) : n.Ints("shape") ?? throw n.Error("shape is required");
        bool allowZero = n.Int("allowzero", 0) != 0;
        if (n.BatchCarrying && shape.Length > 0 && shape[0] == 1 && x.shape[0] != 1)
        {
            // The model was exported with a fixed batch of 1 and a constant reshape; treat its leading 1 as the batch.
            shape = (long[])shape.Clone();
            shape[0] = x.shape[0];
        }

        var resolved = new long[shape.Length];
        for (int d = 0; d < shape.Length; d++) resolved[d] = shape[d] == 0 && !allowZero ? x.shape[d] : shape[d];
        return [x.reshape(resolved)];
    }

    private static Tensor Transpose(OnnxNode n, Tensor x)
    {
        var perm = n.Ints("perm") ?? Enumerable.Range(0, (int)x.dim()).Reverse().Select(d => (long)d).ToArray();
        return x.permute(perm);
    }

    private static long[] Axes(OnnxNode n, Tensor?[] i, int inputIndex, int opsetWithInput) =>
        n.Opset >= opsetWithInput ? (i.Length > inputIndex && i[inputIndex] is { } t ? OnnxNode.Longs(t) : []) : n.Ints("axes") ?? [];

    private static Tensor[] Unsqueeze(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        var axes = Axes(n, i, 1, 13);
        long rank = x.dim() + axes.Length;
        foreach (var a in axes.Select(a => a < 0 ? a + rank : a).Order()) x = x.unsqueeze(a);
        return [x];
    }

    private static Tensor[] Squeeze(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        var axes = Axes(n, i, 1, 13);
        if (axes.Length == 0) return [x.squeeze()];
        foreach (var a in axes.Select(a => a < 0 ? a + x.dim() : a).OrderDescending()) x = x.squeeze(a);
        return [x];
    }

    private static Tensor[] Gather(OnnxNode n, Tensor?[] i)
    {
        var data = n.Required(i, 0);
        var indices = n.Required(i, 1).to_type(ScalarType.Int64);
        long axis = n.Int("axis", 0);
        if (axis < 0) axis += data.dim();
        long size = data.shape[axis];
        indices = where(indices.lt(0), indices + size, indices);
        var flat = data.index_select(axis, indices.reshape(-1));
        var shape = data.shape.Take((int)axis).Concat(indices.shape).Concat(data.shape.Skip((int)axis + 1)).ToArray();
        return [flat.reshape(shape)];
    }

    private static Tensor[] ShapeOf(OnnxNode n, Tensor?[] i)
    {
        var shape = n.Required(i, 0).shape;
        long rank = shape.Length;
        long start = n.Int("start", 0), end = n.Int("end", rank);
        if (start < 0) start += rank;
        if (end < 0) end += rank;
        start = Math.Clamp(start, 0, rank);
        end = Math.Clamp(end, start, rank);
        return [tensor(shape[(int)start..(int)end])];
    }

    private static Tensor[] Slice(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        long[] starts, ends, axes, steps;
        if (n.Opset >= 10)
        {
            starts = OnnxNode.Longs(n.Required(i, 1));
            ends = OnnxNode.Longs(n.Required(i, 2));
            axes = i.Length > 3 && i[3] is { } a ? OnnxNode.Longs(a) : Enumerable.Range(0, starts.Length).Select(d => (long)d).ToArray();
            steps = i.Length > 4 && i[4] is { } s ? OnnxNode.Longs(s) : Enumerable.Repeat(1L, starts.Length).ToArray();
        }
        else
        {
            starts = n.Ints("starts") ?? throw n.Error("starts is required");
            ends = n.Ints("ends") ?? throw n.Error("ends is required");
            axes = n.Ints("axes") ?? Enumerable.Range(0, starts.Length).Select(d => (long)d).ToArray();
            steps = Enumerable.Repeat(1L, starts.Length).ToArray();
        }

        for (int k = 0; k < starts.Length; k++)
        {
            long axis = axes[k] < 0 ? axes[k] + x.dim() : axes[k];
            long size = x.shape[axis];
            if (steps[k] <= 0) throw n.Error("negative or zero slice steps are not supported");
            long start = starts[k] < 0 ? starts[k] + size : starts[k];
            long end = ends[k] < 0 ? ends[k] + size : ends[k];
            start = Math.Clamp(start, 0, size);
            end = Math.Clamp(end, 0, size);
            x = end <= start ? x.narrow(axis, start, 0) : x.slice(axis, start, end, steps[k]);
        }

        return [x];
    }

    private static Tensor[] Constant(OnnxNode n, Tensor?[] i)
    {
        if (n.TensorAttribute("value") is { } t) return [t];
        if (n.Has("value_float")) return [tensor(n.Float("value_float", 0f))];
        if (n.Floats("value_floats") is { } fs) return [tensor(fs)];
        if (n.Has("value_int")) return [tensor(n.Int("value_int", 0))];
        if (n.Ints("value_ints") is { } ls) return [tensor(ls)];
        throw n.Error("no supported value attribute");
    }

    private static Tensor[] ConstantOfShape(OnnxNode n, Tensor?[] i)
    {
        var shape = OnnxNode.Longs(n.Required(i, 0));
        var value = n.TensorAttribute("value") ?? tensor(new float[] { 0f });
        return [full(shape, value.reshape(-1)[0].item<float>(), value.dtype).to(value.dtype)];
    }

    private static Tensor[] Expand(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        var shape = OnnxNode.Longs(n.Required(i, 1));
        var target = broadcast_shapes(x.shape, shape);
        return [x.expand(target.Shape)];
    }

    private static Tensor[] Split(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        long axis = n.Int("axis", 0);
        if (axis < 0) axis += x.dim();
        long[]? sizes = n.Opset >= 13 ? (i.Length > 1 && i[1] is { } s ? OnnxNode.Longs(s) : null) : n.Ints("split");
        if (sizes is null)
        {
            int parts = n.Proto.Output.Count;
            long each = (x.shape[axis] + parts - 1) / parts;
            return x.split(each, axis);
        }

        return x.split(sizes, axis);
    }
}
