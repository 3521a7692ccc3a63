using Google.Protobuf;
using Interp.Explainers;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;
using Onnx;
using Xunit;

namespace Interp.Tests.Importer;

/// <summary>Broken or unsupported ONNX files give one clear error naming the file and what is wrong.</summary>
public sealed class ImporterBadInputTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-importer-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void TruncatedFileIsNamed()
    {
        var bytes = File.ReadAllBytes(TestPaths.Reference("cnn_tiny", "model.onnx"));
        var path = Write("truncated.onnx", bytes[..(bytes.Length * 2 / 3)]);
        var ex = Assert.Throws<InterpException>(() => OnnxImporter.Import(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("truncated or corrupt", ex.Message);
    }

    [Fact]
    public void EveryUnsupportedOperatorIsListedWithItsNode()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(TestPaths.Reference("cnn_tiny", "model.onnx")));
        model.Graph.Node[1].OpType = "Frobnicate";
        model.Graph.Node[2].OpType = "Defenestrate";
        var path = Write("unsupported.onnx", model.ToByteArray());
        var ex = Assert.Throws<InterpException>(() => OnnxImporter.Import(path));
        Assert.Contains("Frobnicate", ex.Message);
        Assert.Contains("Defenestrate", ex.Message);
        Assert.Contains(model.Graph.Node[1].Name, ex.Message);
        Assert.Contains(model.Graph.Node[2].Name, ex.Message);
    }

    [Fact]
    public void MissingExternalDataFileIsNamed()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(TestPaths.Reference("mlp_tabular", "model.onnx")));
        var init = model.Graph.Initializer[0];
        init.RawData = ByteString.Empty;
        init.FloatData.Clear();
        init.DataLocation = TensorProto.Types.DataLocation.External;
        init.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        var path = Write("external.onnx", model.ToByteArray());
        var ex = Assert.Throws<InterpException>(() => OnnxImporter.Import(path));
        Assert.Contains(Path.Combine(_temp, "weights.bin"), ex.Message);
        Assert.Contains(init.Name, ex.Message);
    }

    [Fact]
    public void ExternalDataNextToTheModelIsRead()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(TestPaths.Reference("mlp_tabular", "model.onnx")));
        foreach (var init in model.Graph.Initializer)
        {
            var raw = init.RawData.IsEmpty ? init.FloatData.SelectMany(BitConverter.GetBytes).ToArray() : init.RawData.ToByteArray();
            var file = init.Name.Replace('.', '_') + ".bin";
            File.WriteAllBytes(Path.Combine(_temp, file), raw);
            init.RawData = ByteString.Empty;
            init.FloatData.Clear();
            init.DataLocation = TensorProto.Types.DataLocation.External;
            init.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = file });
        }

        var path = Write("external-ok.onnx", model.ToByteArray());
        using var c = new ReferenceCase("mlp_tabular");
        using var imported = OnnxImporter.Import(path);
        Assertions.Close(c.Model.Predict(c.Request.Inputs), imported.Predict(c.Request.Inputs), 1e-5, 0, "external data");
    }

    [Fact]
    public void WrongInputShapeOrTypeIsAClearError()
    {
        using var imported = OnnxImporter.Import(TestPaths.Reference("cnn_tiny", "model.onnx"));
        var ex = Assert.Throws<InterpException>(() => imported.Predict([NdArray<float>.Zeros(2, 1, 5, 5)]));
        Assert.Contains("[2,1,5,5]", ex.Message.Replace(" ", "", StringComparison.Ordinal));
        var count = Assert.Throws<InterpException>(() => imported.Predict([NdArray<float>.Zeros(2, 1, 8, 8), NdArray<float>.Zeros(2, 1, 8, 8)]));
        Assert.Contains("takes 1 input", count.Message);
    }

    [Fact]
    public void MismatchedMatMulIsAnErrorNotAProcessAbort()
    {
        // TorchSharp 0.107's matmul aborts the process on mismatched shapes; the importer checks first.
        var node = new Interp.Importers.Onnx.Ops.OnnxNode(new NodeProto { OpType = "MatMul", Name = "mm" }, 13, null);
        using var a = TorchSharp.torch.ones(2, 16);
        using var b = TorchSharp.torch.ones(64, 2);
        var ex = Assert.Throws<InterpException>(() => Interp.Importers.Onnx.Ops.LinearOps.MatMul(node, a, b));
        Assert.Contains("'mm'", ex.Message);
        Assert.Contains("[2,16]", ex.Message);
        using var batched = TorchSharp.torch.ones(3, 2, 16);
        using var ok = TorchSharp.torch.ones(16, 5);
        Assert.Equal([3L, 2, 5], Interp.Importers.Onnx.Ops.LinearOps.MatMul(node, batched, ok).shape);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
