using Interp.Explainers;
using Interp.Transformers.Tokenizers;

namespace Interp.Transformers.Loading;

/// <summary>Loads a llama2.c checkpoint (a file) or a HuggingFace folder, with its tokenizer.</summary>
public static class TransformerLoader
{
    /// <summary>The tokenizer file llama2.c models use by default, looked for beside the checkpoint.</summary>
    public const string Llama2cTokenizerFile = "tok512.bin";

    /// <summary>
    /// Loads <paramref name="path"/>: a folder is a HuggingFace model; a file is a llama2.c checkpoint, whose tokenizer
    /// is <paramref name="tokenizerPath"/>, else <c>tok512.bin</c> or <c>tokenizer.bin</c> beside it (when present).
    /// </summary>
    /// <param name="path">Checkpoint file or model folder.</param>
    /// <param name="tokenizerPath">A llama2.c tokenizer file, or null.</param>
    /// <exception cref="InterpException">Missing path or invalid model.</exception>
    public static LoadedTransformer Load(string path, string? tokenizerPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            if (tokenizerPath is not null) throw new InterpException("--tokenizer applies to llama2.c checkpoints; a HuggingFace folder brings its own tokenizer files.") { IsConfigurationError = true };
            return HuggingFaceLoader.Load(path);
        }

        if (!File.Exists(path)) throw new InterpException($"Model '{path}' does not exist.");
        var model = Llama2cCheckpoint.Load(path);
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var tok = tokenizerPath ?? new[] { Llama2cTokenizerFile, "tokenizer.bin" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);
            ITextTokenizer? tokenizer = tok is null ? null : Llama2cTokenizer.Load(tok, model.Config.DVocab);
            return new LoadedTransformer(model, tokenizer, "llama2c");
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
