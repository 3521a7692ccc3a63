using Interp.Explainers;
using static TorchSharp.torch;

namespace Interp.Transformers.Generation;

/// <summary>
/// Autoregressive generation with run.c's loop: position by position up to <see cref="GenerationOptions.Steps"/>
/// (capped at n_ctx), the prompt tokens are forced, afterwards the <see cref="Llama2cSampler"/> picks the next token
/// from the last position's logits; the stop token (BOS by default) ends the loop and is not kept. Each step runs the
/// whole prefix (no key/value cache), so hooks see ordinary full-sequence activations.
/// </summary>
public static class TransformerGenerator
{
    /// <summary>Generates from <paramref name="prompt"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="prompt">Prompt ids (with BOS when the model expects one); at least one token.</param>
    /// <param name="options">Steps, temperature, top-p, seed, stop token.</param>
    /// <param name="onToken">Called with (previous, next) for each generated token (for streaming output).</param>
    /// <exception cref="InterpException">Empty prompt, or a prompt longer than the context.</exception>
    public static GenerationResult Generate(HookedTransformer model, IReadOnlyList<int> prompt, GenerationOptions options, Action<int, int>? onToken = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        if (prompt.Count == 0) throw new InterpException("Generation needs at least one prompt token (BOS for an empty prompt).");
        if (prompt.Count > model.Config.NCtx)
        {
            throw new InterpException($"The prompt has {prompt.Count} tokens but the model's context (n_ctx) is {model.Config.NCtx}; shorten it to at most {model.Config.NCtx} tokens.");
        }

        int steps = options.Steps <= 0 || options.Steps > model.Config.NCtx ? model.Config.NCtx : options.Steps;
        int? stop = options.StopToken ?? model.Config.BosTokenId;
        var sampler = new Llama2cSampler(options.Temperature, options.TopP, options.Seed);
        var tokens = new List<int>(prompt);
        var device = model.WE.device;
        for (int pos = prompt.Count - 1; pos < steps; pos++)
        {
            float[] last;
            using (var scope = NewDisposeScope())
            using (var noGrad = no_grad())
            {
                var ids = tensor(tokens.Select(t => (long)t).ToArray(), [1, tokens.Count]).to(device);
                var logits = model.call(ids);
                last = logits[0, -1].to(ScalarType.Float32).cpu().data<float>().ToArray();
            }

            int next = sampler.Sample(last);
            if (next == stop) return new GenerationResult(tokens, prompt.Count, Stopped: true);
            onToken?.Invoke(tokens[^1], next);
            tokens.Add(next);
        }

        return new GenerationResult(tokens, prompt.Count, Stopped: false);
    }
}
