using Interp.Transformers.Tokenizers;

namespace Interp.Transformers.Loading;

/// <summary>A loaded model and its tokenizer, if one was found.</summary>
/// <param name="Model">The model (dispose it).</param>
/// <param name="Tokenizer">The tokenizer, or null (e.g. gpt2_tiny, which has none).</param>
/// <param name="Format">"llama2c" or "huggingface".</param>
public sealed record LoadedTransformer(HookedTransformer Model, ITextTokenizer? Tokenizer, string Format);
