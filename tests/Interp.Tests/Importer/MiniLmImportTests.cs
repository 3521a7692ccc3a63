using Interp.Backends.TorchSharp.Models;
using Interp.Importers.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Importer;

/// <summary>all-MiniLM-L6-v2 (three int64 inputs, Shape/Gather/Concat chains) imported and compared with ONNX Runtime.</summary>
public sealed class MiniLmImportTests
{
    private static readonly string[] Sentences = ["The cat sat on the mat.", "A quick brown fox jumps over the lazy dog near the riverbank."];

    public MiniLmImportTests() => torch.set_num_threads(1);

    [Fact]
    public void RealSentencesMatchOnnxRuntime()
    {
        var inputs = MiniLm.Encode(Sentences);
        using var imported = OnnxImporter.Import(MiniLm.ModelPath);
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], imported.Inputs.Select(i => i.Name));
        Assert.All(imported.Inputs, i => Assert.Equal(typeof(long), i.ElementType));
        Assert.True(imported.Graph.FoldedNodes > 100, $"{imported.Graph.FoldedNodes} constant nodes folded");

        using var scope = NewDisposeScope();
        var outputs = imported.RunAllOutputs(inputs.Select(i => TorchTensors.ToTensor(i, CPU)).ToArray());
        using var session = new InferenceSession(MiniLm.ModelPath);
        var feeds = session.InputMetadata.Keys.Select((name, k) => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(inputs[k].Data, inputs[k].Shape.ToArray()))).ToList();
        using var results = session.Run(feeds);
        foreach (var result in results)
        {
            var theirs = result.AsTensor<float>().ToArray();
            var ours = outputs[result.Name].contiguous().data<float>().ToArray();
            Assert.Equal(theirs.Length, ours.Length);
            var worst = theirs.Zip(ours).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst < 1e-4, $"output {result.Name}: max abs diff {worst}");
        }
    }

    [Fact]
    public void EveryNodeValueEqualsOnnxRuntimes()
    {
        var worst = NodeParity.Compare(MiniLm.ModelPath, castToFloat32: false, MiniLm.Encode(Sentences), 1e-4);
        Assert.True(worst > 0, "a float32 reimplementation that differs from ONNX Runtime in no bit at all would be suspicious");
    }

    [Fact]
    public void TokenEmbeddingGradientsFlowThroughTheImportedEncoder()
    {
        // The gradient of one output unit with respect to the word-embedding output (an activation, since the
        // inputs are token ids) reaches every real token of the first sentence and none of its padding, which the
        // attention mask removes (the first sentence is the shorter one).
        var inputs = MiniLm.Encode(Sentences);
        using var imported = OnnxImporter.Import(MiniLm.ModelPath);
        var gatherName = imported.Graph.Nodes.Single(n => n.OpType == "Gather" && n.Inputs[0] == "embeddings.word_embeddings.weight").Outputs[0];
        var (activation, gradient, _) = imported.LayerGradients(inputs, [0], gatherName);
        Assert.Equal(activation.ShapeArray, gradient.ShapeArray);
        int length = inputs[0].Shape[1];
        int width = activation.Shape[^1];
        for (int t = 0; t < length; t++)
        {
            double norm = 0;
            for (int k = 0; k < width; k++) norm += Math.Abs(gradient.Data[t * width + k]);
            bool real = inputs[1].Data[t] == 1;
            if (real) Assert.True(norm > 1e-6, $"real token {t} has no gradient");
            else Assert.True(norm < 1e-9, $"padding token {t} has gradient {norm}");
        }
    }
}
