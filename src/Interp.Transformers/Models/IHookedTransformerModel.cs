using Interp.Explainers.Models;
using Interp.Transformers.Tokenizers;

namespace Interp.Transformers.Models;

/// <summary>
/// Capability: the model is a <see cref="HookedTransformer"/> (TransformerLens-style hook points, run-with-cache,
/// run-with-hooks, W_U, final norm), with its tokenizer when one was found. Mechanistic explainers ask for this.
/// Hooks live on the module: hold <see cref="SyncRoot"/> while using <see cref="Transformer"/> directly.
/// </summary>
public interface IHookedTransformerModel : IHookable
{
    /// <summary>The hooked transformer.</summary>
    HookedTransformer Transformer { get; }

    /// <summary>The tokenizer, or null (e.g. gpt2_tiny has none: pass token ids).</summary>
    ITextTokenizer? Tokenizer { get; }

    /// <summary>The lock every call through this model takes (reentrant); take it around direct use of <see cref="Transformer"/>.</summary>
    object SyncRoot { get; }
}
