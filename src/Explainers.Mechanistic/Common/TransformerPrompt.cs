using Interp.Explainers.Requests;
using Interp.Transformers;
using Interp.Transformers.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>
/// A validated prompt on a hooked transformer: the model, its token ids (checked against the vocabulary and the
/// context length) and helpers to turn them into <c>[1, pos]</c> tensors on the model's device.
/// </summary>
internal sealed class TransformerPrompt
{
    private TransformerPrompt(IHookedTransformerModel model, IReadOnlyList<int> tokens, IReadOnlyList<int>? corrupted)
    {
        Model = model;
        Tokens = tokens;
        CorruptedTokens = corrupted;
    }

    /// <summary>The model.</summary>
    public IHookedTransformerModel Model { get; }

    /// <summary>The transformer.</summary>
    public HookedTransformer Transformer => Model.Transformer;

    /// <summary>The (clean) prompt's token ids.</summary>
    public IReadOnlyList<int> Tokens { get; }

    /// <summary>The corrupted prompt's token ids, when the request has one.</summary>
    public IReadOnlyList<int>? CorruptedTokens { get; }

    /// <summary>Number of positions.</summary>
    public int Positions => Tokens.Count;

    /// <summary>Checks the request: a hooked transformer, a non-empty prompt no longer than the context, ids in the vocabulary.</summary>
    /// <param name="request">The request.</param>
    /// <param name="method">The explainer's name (for messages).</param>
    /// <param name="needsCorrupted">Whether a corrupted prompt of the same length is required.</param>
    public static TransformerPrompt Create(PromptRequest request, string method, bool needsCorrupted = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Model is not IHookedTransformerModel model)
        {
            throw new MissingCapabilityException(method, typeof(IHookedTransformerModel), request.Model);
        }

        Check(request.Tokens, "tokens", method, model);
        if (needsCorrupted || request.CorruptedTokens is not null)
        {
            var corrupted = request.CorruptedTokens
                ?? throw new InterpException($"{method}: a corrupted prompt is required (clean and corrupted prompts of equal token length).") { IsConfigurationError = true };
            Check(corrupted, "corrupted tokens", method, model);
            if (corrupted.Count != request.Tokens.Count)
            {
                throw new InterpException(
                    $"{method}: the clean prompt has {request.Tokens.Count} tokens and the corrupted one {corrupted.Count}; patching needs prompts of equal token length.")
                { IsConfigurationError = true };
            }
        }

        return new TransformerPrompt(model, request.Tokens, request.CorruptedTokens);
    }

    /// <summary>The token ids as an int64 tensor [1, pos] on the model's device.</summary>
    /// <param name="tokens">Token ids.</param>
    public Tensor ToTensor(IReadOnlyList<int> tokens) =>
        tensor(tokens.Select(t => (long)t).ToArray(), [1, tokens.Count], ScalarType.Int64).to(Transformer.WE.device);

    /// <summary>The request's token labels, else the tokenizer's text of each prompt token, else null.</summary>
    /// <param name="request">The request.</param>
    public IReadOnlyList<string>? TokenStrings(PromptRequest request) =>
        request.TokenStrings ?? (Model.Tokenizer is { } tokenizer ? Tokens.Select(tokenizer.TokenText).ToList() : null);

    /// <summary>Resolves a position option: negative counts from the end (−1 = last).</summary>
    /// <param name="position">The option value.</param>
    /// <param name="method">For messages.</param>
    public int ResolvePosition(int position, string method)
    {
        int p = position < 0 ? Positions + position : position;
        if (p < 0 || p >= Positions) throw new InterpException($"{method}: Position {position} is outside the prompt's {Positions} tokens.") { IsConfigurationError = true };
        return p;
    }

    private static void Check(IReadOnlyList<int> tokens, string what, string method, IHookedTransformerModel model)
    {
        var cfg = model.Transformer.Config;
        if (tokens is null || tokens.Count == 0) throw new InterpException($"{method}: the {what} are empty.") { IsConfigurationError = true };
        if (tokens.Count > cfg.NCtx)
        {
            throw new InterpException($"{method}: the prompt has {tokens.Count} {what}, more than the model's context of {cfg.NCtx}.") { IsConfigurationError = true };
        }

        foreach (int t in tokens)
        {
            if (t < 0 || t >= cfg.DVocab) throw new InterpException($"{method}: token id {t} in the {what} is outside the vocabulary [0, {cfg.DVocab}).") { IsConfigurationError = true };
        }
    }
}
