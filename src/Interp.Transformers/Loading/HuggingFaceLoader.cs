using Interp.Explainers;
using Interp.Transformers.Tokenizers;

namespace Interp.Transformers.Loading;

/// <summary>
/// Loads a HuggingFace model folder (<c>config.json</c> + <c>model.safetensors</c>): GPT-2 (<c>GPT2LMHeadModel</c>,
/// names with or without <c>transformer.</c>, tied or untied head, <c>attn.bias</c>/<c>masked_bias</c> ignored) and
/// Llama (<c>LlamaForCausalLM</c>). The GPT-2 tokenizer comes from <c>vocab.json</c>/<c>merges.txt</c>, or is the
/// packaged GPT-2 encoding when the vocabulary has GPT-2's 50,257 ids.
/// </summary>
public static class HuggingFaceLoader
{
    /// <summary>Loads the folder.</summary>
    /// <param name="folder">The model folder.</param>
    /// <exception cref="InterpException">Missing files, an unknown architecture, or weights that do not fit the config.</exception>
    public static LoadedTransformer Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new InterpException($"Model folder '{folder}' does not exist.");
        var hf = HuggingFaceConfig.Read(folder);
        var family = Family(hf);
        var weightsPath = Path.Combine(folder, "model.safetensors");
        if (!File.Exists(weightsPath))
        {
            throw new InterpException(File.Exists(weightsPath + ".index.json")
                ? $"Model folder '{folder}' holds a sharded checkpoint (model.safetensors.index.json); only a single model.safetensors is supported."
                : $"Model folder '{folder}' has no model.safetensors.");
        }

        var file = SafetensorsFile.Open(weightsPath);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var cfg = family == "gpt2" ? Gpt2Weights.Config(hf, file, name) : LlamaWeights.Config(hf, file, name);
        var model = new HookedTransformer(cfg);
        try
        {
            if (family == "gpt2") Gpt2Weights.Fill(model, file);
            else LlamaWeights.Fill(model, file);
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return new LoadedTransformer(model, family == "gpt2" ? Gpt2TokenizerFor(folder, cfg) : null, "huggingface");
    }

    private static string Family(HuggingFaceConfig hf)
    {
        var arch = hf.Architecture;
        var type = hf.ModelType;
        if (arch is "GPT2LMHeadModel" or "GPT2Model" || (arch is null && type == "gpt2")) return "gpt2";
        if (arch is "LlamaForCausalLM" or "LlamaModel" || (arch is null && type == "llama")) return "llama";
        throw new InterpException($"'{hf.Path}': architecture '{arch ?? "(none)"}' (model_type '{type ?? "(none)"}') is not supported; supported: GPT2LMHeadModel (gpt2), LlamaForCausalLM (llama).");
    }

    private static Gpt2Tokenizer? Gpt2TokenizerFor(string folder, HookedTransformerConfig cfg)
    {
        var vocab = Path.Combine(folder, "vocab.json");
        var merges = Path.Combine(folder, "merges.txt");
        if (File.Exists(vocab) && File.Exists(merges)) return Gpt2Tokenizer.FromFiles(vocab, merges, cfg.DVocab, cfg.BosTokenId);
        return cfg.DVocab == 50257 ? Gpt2Tokenizer.CreateDefault() : null;
    }
}
