using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Importers.Onnx.Ops;

/// <summary>Gemm, MatMul, convolutions, pooling and normalisations.</summary>
internal static class LinearOps
{
    public static void Register(Dictionary<string, OnnxOp> ops)
    {
        ops["Gemm"] = Gemm;
        ops["MatMul"] = (n, i) => [MatMul(n, n.Required(i, 0), n.Required(i, 1))];
        ops["Conv"] = Conv;
        ops["MaxPool"] = (n, i) => Pool(n, n.Required(i, 0), max: true);
        ops["AveragePool"] = (n, i) => Pool(n, n.Required(i, 0), max: false);
        ops["GlobalAveragePool"] = (n, i) => [n.Required(i, 0).mean(Enumerable.Range(2, (int)n.Required(i, 0).dim() - 2).Select(d => (long)d).ToArray(), keepdim: true)];
        ops["GlobalMaxPool"] = (n, i) => [GlobalMax(n.Required(i, 0))];
        ops["BatchNormalization"] = BatchNorm;
        ops["LayerNormalization"] = LayerNorm;
    }

    private static Tensor[] Gemm(OnnxNode n, Tensor?[] i)
    {
        var a = n.Required(i, 0);
        var b = n.Required(i, 1);
        if (n.Int("transA", 0) != 0) a = a.t();
        if (n.Int("transB", 0) != 0) b = b.t();
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[0])
        {
            throw n.Error($"cannot multiply [{string.Join(",", a.shape)}] by [{string.Join(",", b.shape)}]");
        }

        var y = a.mm(b);
        float alpha = n.Float("alpha", 1f), beta = n.Float("beta", 1f);
        if (alpha != 1f) y *= alpha;
        if (i.Length > 2 && i[2] is { } c) y += beta == 1f ? c : c * beta;
        return [y];
    }

    /// <summary>
    /// numpy-style matmul with the shapes checked first: TorchSharp 0.107's <c>matmul</c> aborts the process on a
    /// shape mismatch instead of throwing (its native wrapper lacks the error guard that <c>mm</c> has).
    /// </summary>
    internal static Tensor MatMul(OnnxNode n, Tensor a, Tensor b)
    {
        long inner = a.dim() == 0 ? -1 : a.shape[^1];
        long other = b.dim() == 1 ? b.shape[0] : b.dim() >= 2 ? b.shape[^2] : -2;
        bool batchOk = true;
        if (a.dim() > 2 && b.dim() > 2)
        {
            var ab = a.shape[..^2];
            var bb = b.shape[..^2];
            for (int k = 1; k <= Math.Min(ab.Length, bb.Length); k++)
            {
                long x = ab[^k], y = bb[^k];
                batchOk &= x == y || x == 1 || y == 1;
            }
        }

        if (a.dim() == 0 || b.dim() == 0 || inner != other || !batchOk)
        {
            throw n.Error($"cannot multiply [{string.Join(",", a.shape)}] by [{string.Join(",", b.shape)}]");
        }

        return a.matmul(b);
    }

    private static Tensor[] Conv(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        var w = n.Required(i, 1);
        var bias = i.Length > 2 ? i[2] : null;
        int spatial = (int)x.dim() - 2;
        var kernel = n.Ints("kernel_shape") ?? w.shape.Skip(2).ToArray();
        var strides = n.Ints("strides") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var dilations = n.Ints("dilations") ?? Enumerable.Repeat(1L, spatial).ToArray();
        long groups = n.Int("group", 1);
        var pads = Pads(n, x, kernel, strides, dilations);
        var symmetric = SymmetricOrPad(ref x, pads, spatial, 0.0);
        return [spatial switch
        {
            1 => nn.functional.conv1d(x, w, bias, strides[0], symmetric[0], dilations[0], groups),
            2 => nn.functional.conv2d(x, w, bias, strides, symmetric, dilations, groups),
            3 => nn.functional.conv3d(x, w, bias, strides, symmetric, dilations, groups),
            _ => throw n.Error($"{spatial}-d convolution is not supported"),
        }];
    }

    private static Tensor[] Pool(OnnxNode n, Tensor x, bool max)
    {
        int spatial = (int)x.dim() - 2;
        var kernel = n.Ints("kernel_shape") ?? throw n.Error("kernel_shape is required");
        var strides = n.Ints("strides") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var dilations = n.Ints("dilations") ?? Enumerable.Repeat(1L, spatial).ToArray();
        bool ceil = n.Int("ceil_mode", 0) != 0;
        var pads = Pads(n, x, kernel, strides, dilations);
        bool fitsTorch = pads.Take(spatial).SequenceEqual(pads.Skip(spatial)) && pads.Take(spatial).Zip(kernel).All(p => p.First * 2 <= p.Second);
        long[] padding;
        if (fitsTorch)
        {
            padding = pads.Take(spatial).ToArray();
        }
        else
        {
            padding = new long[spatial];
            x = nn.functional.pad(x, TorchPad(pads, spatial), PaddingModes.Constant, max ? double.NegativeInfinity : 0.0);
        }

        if (max && Rules.BackwardRuleScope.Current is { DeepLift: true } scope && x.requires_grad)
        {
            if (spatial != 2) throw n.Error("DeepLift's max-pooling rule supports 2-d pooling only");
            return [Rules.DeepLiftMaxPool.Apply(x, kernel, strides, padding, dilations, ceil, scope.Epsilon)];
        }

        if (max)
        {
            return [spatial switch
            {
                1 => nn.functional.max_pool1d(x, kernel[0], strides[0], padding[0], dilations[0], ceil),
                2 => nn.functional.max_pool2d(x, kernel, strides, padding, dilations, ceil),
                3 => nn.functional.max_pool3d(x, kernel, strides, padding, dilations, ceil),
                _ => throw n.Error($"{spatial}-d pooling is not supported"),
            }];
        }

        bool countIncludePad = n.Int("count_include_pad", 0) != 0;
        if (spatial != 2) throw n.Error("only 2-d average pooling is supported");
        return [nn.functional.avg_pool2d(x, kernel, strides, padding, ceil, countIncludePad)];
    }

    private static Tensor GlobalMax(Tensor x)
    {
        var y = x;
        for (long d = x.dim() - 1; d >= 2; d--) y = y.amax([d], keepdim: true);
        return y;
    }

    private static Tensor[] BatchNorm(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        var shape = new long[x.dim()];
        Array.Fill(shape, 1L);
        shape[1] = -1;
        var scale = n.Required(i, 1).reshape(shape);
        var bias = n.Required(i, 2).reshape(shape);
        var mean = n.Required(i, 3).reshape(shape);
        var variance = n.Required(i, 4).reshape(shape);
        float eps = n.Float("epsilon", 1e-5f);
        return [(x - mean) / (variance + eps).sqrt() * scale + bias];
    }

    private static Tensor[] LayerNorm(OnnxNode n, Tensor?[] i)
    {
        var x = n.Required(i, 0);
        long axis = n.Int("axis", -1);
        if (axis < 0) axis += x.dim();
        var normalized = x.shape.Skip((int)axis).ToArray();
        var scale = n.Required(i, 1);
        var bias = i.Length > 2 ? i[2] : null;
        return [nn.functional.layer_norm(x, normalized, scale, bias, n.Float("epsilon", 1e-5f))];
    }

    /// <summary>ONNX pads [begin..., end...], from <c>pads</c> or <c>auto_pad</c>.</summary>
    private static long[] Pads(OnnxNode n, Tensor x, long[] kernel, long[] strides, long[] dilations)
    {
        int spatial = kernel.Length;
        var autoPad = n.String("auto_pad") ?? "NOTSET";
        if (autoPad is "NOTSET" or "") return n.Ints("pads") ?? new long[2 * spatial];
        if (autoPad == "VALID") return new long[2 * spatial];
        var pads = new long[2 * spatial];
        for (int d = 0; d < spatial; d++)
        {
            long size = x.shape[2 + d];
            long outSize = (size + strides[d] - 1) / strides[d];
            long total = Math.Max(0, (outSize - 1) * strides[d] + ((kernel[d] - 1) * dilations[d]) + 1 - size);
            long small = total / 2, large = total - small;
            (pads[d], pads[d + spatial]) = autoPad == "SAME_UPPER" ? (small, large) : (large, small);
        }

        return pads;
    }

    /// <summary>Returns torch's symmetric padding, padding <paramref name="x"/> explicitly when the pads are asymmetric.</summary>
    private static long[] SymmetricOrPad(ref Tensor x, long[] pads, int spatial, double value)
    {
        if (pads.Take(spatial).SequenceEqual(pads.Skip(spatial))) return pads.Take(spatial).ToArray();
        x = nn.functional.pad(x, TorchPad(pads, spatial), PaddingModes.Constant, value);
        return new long[spatial];
    }

    /// <summary>ONNX [b1, b2, e1, e2] → torch's last-dimension-first [b2, e2, b1, e1].</summary>
    private static long[] TorchPad(long[] pads, int spatial)
    {
        var result = new long[2 * spatial];
        for (int d = 0; d < spatial; d++)
        {
            int torchIndex = 2 * (spatial - 1 - d);
            result[torchIndex] = pads[d];
            result[torchIndex + 1] = pads[d + spatial];
        }

        return result;
    }
}
