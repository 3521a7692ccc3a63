namespace Interp.Importers.Onnx.Ops;

/// <summary>The operators the importer implements, by ONNX op type (default domain).</summary>
internal static class OnnxOpRegistry
{
    private static readonly Dictionary<string, OnnxOp> Ops = Build();

    public static IReadOnlyCollection<string> Supported => Ops.Keys;

    public static bool TryGet(string opType, out OnnxOp op) => Ops.TryGetValue(opType, out op!);

    private static Dictionary<string, OnnxOp> Build()
    {
        var ops = new Dictionary<string, OnnxOp>(StringComparer.Ordinal);
        ElementwiseOps.Register(ops);
        LinearOps.Register(ops);
        ShapeOps.Register(ops);
        ReduceOps.Register(ops);
        return ops;
    }
}
