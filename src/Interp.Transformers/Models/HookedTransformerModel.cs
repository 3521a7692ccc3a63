using Interp.Backends.TorchSharp.Models;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Transformers.Tokenizers;
using TorchSharp;

namespace Interp.Transformers.Models;

/// <summary>
/// A <see cref="HookedTransformer"/> as an Interp model: batched prediction (tokens [batch, pos] int64 → logits
/// [batch, pos, d_vocab]), hooks by name or glob (<see cref="IHookable"/>), layer gradients, and the transformer itself
/// (<see cref="IHookedTransformerModel"/>). Disposing it disposes the transformer.
/// </summary>
public sealed class HookedTransformerModel : HookedTorchModel, IHookedTransformerModel
{
    /// <summary>Wraps <paramref name="transformer"/> (moved to <paramref name="device"/>).</summary>
    /// <param name="transformer">The model (owned from now on).</param>
    /// <param name="tokenizer">Its tokenizer, or null.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="device">Where to run.</param>
    public HookedTransformerModel(HookedTransformer transformer, ITextTokenizer? tokenizer, ModelSource source, ComputeDevice? device = null)
        : base(
            xs => (transformer ?? throw new ArgumentNullException(nameof(transformer))).call(xs[0]),
            (transformer ?? throw new ArgumentNullException(nameof(transformer))).HookPoints,
            [new TensorSpec("tokens", typeof(long), [-1, -1])],
            new TensorSpec("logits", typeof(float), [-1, -1, transformer.Config.DVocab]),
            source,
            device,
            transformer)
    {
        transformer.to(TorchDevice);
        Transformer = transformer;
        Tokenizer = tokenizer;
    }

    /// <inheritdoc />
    public HookedTransformer Transformer { get; }

    /// <inheritdoc />
    public ITextTokenizer? Tokenizer { get; }

    /// <inheritdoc />
    public object SyncRoot => Gate;
}
