using Interp.Backends.Onnx;
using Interp.Explainers.Mechanistic.AttentionPatterns;
using Interp.Explainers.Requests;
using Interp.Importers.Onnx;
using Interp.Tests.Importer;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace Interp.Tests.Mechanistic;

/// <summary>
/// AttentionPatterns on all-MiniLM-L6-v2 through the ONNX importer: the six softmax outputs as [layer][head][q][k] for a
/// WordPiece-tokenized sentence pair, equal to ONNX Runtime's own values of those nodes.
/// </summary>
public sealed class MiniLmAttentionTests
{
    [Fact]
    public async Task PatternsOfAnImportedEncoderEqualOnnxRuntimesSoftmaxOutputs()
    {
        var tokenizer = BertTokenizer.Create(MiniLm.VocabPath);
        // [CLS] first [SEP] second [SEP]: the second sentence without its own [CLS].
        var ids = tokenizer.EncodeToIds("The cat sat on the mat.").Concat(tokenizer.EncodeToIds("A dog slept on the rug.").Skip(1)).ToArray();
        using var model = OnnxImporter.Import(MiniLm.ModelPath);
        var e = await new AttentionPatterns(new AttentionPatternsOptions()).ExplainAsync(new PromptRequest { Model = model, Tokens = ids });
        int n = ids.Length;
        Assert.Equal([6, 12, n, n], e.Patterns.Shape);
        var names = e.Labels!.OutputNames!;
        Assert.Equal(6, names.Count);
        for (int row = 0; row < 6 * 12 * n; row++)
        {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += e.Patterns.Data[(row * n) + k];
            Assert.Equal(1.0, sum, 1e-5);
        }

        // ONNX Runtime's values of the same nodes, exposed as extra outputs of the original file.
        var exposed = OnnxModelRewriter.ExposeValues(File.ReadAllBytes(MiniLm.ModelPath), names.ToDictionary(name => name, _ => 1));
        using var session = new InferenceSession(exposed);
        var ids64 = ids.Select(i => (long)i).ToArray();
        var feeds = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids64, [1, n])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, n).ToArray(), [1, n])),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[n], [1, n])),
        };
        using var results = session.Run(feeds, names);
        int layer = 0;
        foreach (var result in results)
        {
            var theirs = result.AsTensor<float>().ToArray();
            var ours = e.Patterns.Data.AsSpan(layer * 12 * n * n, 12 * n * n).ToArray();
            double worst = theirs.Zip(ours).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst < 1e-5, $"{result.Name}: max abs diff {worst}");
            layer++;
        }
    }
}
