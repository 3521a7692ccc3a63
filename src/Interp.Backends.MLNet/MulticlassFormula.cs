namespace Interp.Backends.MLNet;

/// <summary>
/// How an ML.NET multiclass tree model turns per-class raw scores into its Score column, read from its ONNX export:
/// softmax (LightGBM multiclass), per-class Platt calibration normalized to sum 1 (one-versus-all with calibrated binary
/// models, LightGBM multiclassova), or the raw scores.
/// </summary>
internal sealed class MulticlassFormula
{
    private readonly float[]? _scale;
    private readonly float[]? _offset;

    private MulticlassFormula(string kind, float[]? scale, float[]? offset)
    {
        Kind = kind;
        _scale = scale;
        _offset = offset;
    }

    /// <summary><c>softmax</c>, <c>calibrated-normalized</c> or <c>raw</c>.</summary>
    public string Kind { get; }

    public static MulticlassFormula Read(MLNetOnnxTrees onnx)
    {
        // The per-class values are concatenated: raw scores (then Exp/ReduceSum/Div for softmax, or nothing) or
        // clipped calibrated probabilities (then normalized).
        var concat = onnx.Graph.Node.FirstOrDefault(n => n.OpType == "Concat" && n.Input.Count == onnx.Ensembles.Count);
        bool rawInputs = concat is not null && concat.Input.SequenceEqual(onnx.Ensembles.Select(e => e.Output));
        if (rawInputs)
        {
            bool softmax = onnx.Consumers(concat!.Output[0]).Any(n => n.OpType is "Exp" or "Softmax");
            return new MulticlassFormula(softmax ? "softmax" : "raw", null, null);
        }

        int k = onnx.Ensembles.Count;
        var scale = new float[k];
        var offset = new float[k];
        for (int c = 0; c < k; c++)
        {
            var mul = onnx.Consumers(onnx.Ensembles[c].Output).First(n => n.OpType == "Mul");
            var add = onnx.Consumers(mul.Output[0]).First(n => n.OpType == "Add");
            scale[c] = onnx.Initializer(mul.Input.First(i => i != onnx.Ensembles[c].Output)) ?? 1;
            offset[c] = onnx.Initializer(add.Input.First(i => i != mul.Output[0])) ?? 0;
        }

        return new MulticlassFormula("calibrated-normalized", scale, offset);
    }

    /// <summary>The Score column from per-class raw scores.</summary>
    public void Apply(ReadOnlySpan<double> raw, Span<double> score)
    {
        switch (Kind)
        {
            case "softmax":
                new Explainers.Models.OutputLink(Explainers.Models.LinkFunction.Softmax).Apply(raw, score);
                break;
            case "calibrated-normalized":
                double sum = 0;
                for (int c = 0; c < raw.Length; c++)
                {
                    score[c] = Math.Max(0, 1.0 / (1.0 + Math.Exp(-((_scale![c] * raw[c]) + _offset![c]))));
                    sum += score[c];
                }

                for (int c = 0; c < raw.Length; c++) score[c] = sum > 0 ? score[c] / sum : score[c];
                break;
            default:
                raw.CopyTo(score);
                break;
        }
    }
}
