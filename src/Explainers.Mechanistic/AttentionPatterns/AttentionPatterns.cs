using Interp.Explainers.Explanations;
using Interp.Explainers.Mechanistic.Common;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Transformers.Models;
using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.AttentionPatterns;

/// <summary>
/// Attention patterns of a prompt, [layer, head, query, key]: the softmax of every attention layer, read from hook
/// points (<c>blocks.{l}.attn.hook_pattern</c> on hooked transformers; the softmax outputs of an imported ONNX encoder
/// such as all-MiniLM-L6-v2, whose inputs are built from the tokens: ids, an all-ones attention mask, zero type ids).
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | mechanistic | IHookable | TorchSharp (hooked transformers, imported ONNX) | through the backend | yes | one forward pass |
/// </remarks>
[Explainer("AttentionPatterns", ExplainerLevel.Mechanistic, typeof(AttentionPatternsOptions),
    RequiredCapabilities = [typeof(IHookable)],
    Description = "Attention patterns [layer][head][query][key] of a prompt (hooked transformers and imported encoders).")]
public sealed class AttentionPatterns : ExplainerBase<PromptRequest, AttentionExplanation, AttentionPatternsOptions>
{
    /// <summary>The default pattern hooks of imported encoders.</summary>
    public const string SoftmaxGlob = "**Softmax_output_0";

    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    public AttentionPatterns(AttentionPatternsOptions options) : base(options)
    {
    }

    /// <inheritdoc />
    public override Task<AttentionExplanation> ExplainAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var (patterns, names) = request.Model is IHookedTransformerModel
            ? FromTransformer(TransformerPrompt.Create(request, Name))
            : FromHookable(request);
        return Task.FromResult(new AttentionExplanation
        {
            Method = Name,
            Level = Level,
            Options = Options,
            Model = request.Model.Source,
            Labels = new ExplanationLabels { Tokens = TokenLabels(request), OutputNames = names },
            Patterns = patterns,
        });
    }

    private static IReadOnlyList<string>? TokenLabels(PromptRequest request) =>
        request.TokenStrings ?? ((request.Model as IHookedTransformerModel)?.Tokenizer is { } tokenizer ? request.Tokens.Select(tokenizer.TokenText).ToList() : null);

    private (NdArray<float>, IReadOnlyList<string>) FromTransformer(TransformerPrompt prompt)
    {
        lock (prompt.Model.SyncRoot)
        {
            using var scope = NewDisposeScope();
            var glob = Options.Hooks ?? "blocks.*.attn.hook_pattern";
            var (_, cache) = prompt.Transformer.RunWithCache(prompt.ToTensor(prompt.Tokens), glob);
            using (cache)
            {
                var names = cache.Names.ToList();
                return Stack(names, names.Select(n => cache[n]).ToList());
            }
        }
    }

    private (NdArray<float>, IReadOnlyList<string>) FromHookable(PromptRequest request)
    {
        var model = (IHookable)request.Model;
        if (request.Tokens.Count == 0) throw new InterpException($"{Name}: the tokens are empty.") { IsConfigurationError = true };
        var glob = Options.Hooks ?? SoftmaxGlob;
        var names = HookNames.Matching(model.HookPointNames, glob);
        if (names.Count == 0 && Options.Hooks is null && model is IHookOperators operators)
        {
            // Value names of an exported graph are often bare numbers: take every Softmax output instead.
            names = model.HookPointNames.Where(n => operators.HookOperators.TryGetValue(n, out var op) && op == "Softmax").ToList();
        }

        if (names.Count == 0)
        {
            throw new InterpException($"{Name}: no hook point of the model matches '{glob}'; set Hooks to the attention softmax outputs.") { IsConfigurationError = true };
        }

        var captured = new Dictionary<string, NdArray<float>>();
        var hooks = names.ToDictionary(n => n, n => (Func<string, NdArray<float>, NdArray<float>>)((name, a) =>
        {
            captured[name] = a;
            return a;
        }));
        model.RunWithHooks(EncoderInputs.FromTokens(model, request.Tokens), hooks);
        var ordered = names.Where(captured.ContainsKey).ToList();
        using var scope = NewDisposeScope();
        return Stack(ordered, ordered.Select(n => tensor(captured[n].Data, captured[n].Shape.Select(d => (long)d).ToArray())).ToList());
    }

    private (NdArray<float>, IReadOnlyList<string>) Stack(IReadOnlyList<string> names, IReadOnlyList<Tensor> patterns)
    {
        if (patterns.Count == 0) throw new InterpException($"{Name}: the model produced no attention patterns.");
        foreach (var (p, n) in patterns.Zip(names))
        {
            if (p.dim() != 4 || p.shape[0] != 1 || p.shape[2] != p.shape[3])
            {
                throw new InterpException($"{Name}: hook '{n}' holds shape [{string.Join(",", p.shape)}], not a pattern [1, heads, query, key].") { IsConfigurationError = true };
            }
        }

        var stacked = cat(patterns.Select(p => p.to(ScalarType.Float32).cpu()).ToList(), 0).contiguous();
        return (new NdArray<float>(stacked.data<float>().ToArray(), stacked.shape.Select(d => (int)d).ToArray()), names);
    }
}
