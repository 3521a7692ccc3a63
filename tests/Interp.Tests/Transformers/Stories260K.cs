using Interp.Transformers;
using Interp.Transformers.Loading;
using Interp.Transformers.Tokenizers;

namespace Interp.Tests.Transformers;

/// <summary>The shared stories260K checkpoint and tokenizer, loaded once per test run (read-only use only).</summary>
internal static class Stories260K
{
    public static string Folder { get; } = Path.Combine(TestPaths.Shared, "data", "stories260K");

    public static string Checkpoint { get; } = Path.Combine(Folder, "stories260K.bin");

    public static string TokenizerFile { get; } = Path.Combine(Folder, "tok512.bin");

    private static readonly Lazy<HookedTransformer> LazyModel = new(() => Llama2cCheckpoint.Load(Checkpoint));

    private static readonly Lazy<Llama2cTokenizer> LazyTokenizer = new(() => Llama2cTokenizer.Load(TokenizerFile, 512));

    /// <summary>The model: shared by tests, so tests that add hooks must lock on it.</summary>
    public static HookedTransformer Model => LazyModel.Value;

    public static Llama2cTokenizer Tokenizer => LazyTokenizer.Value;
}
