using Interp.Explainers;
using Interp.Transformers.Generation;
using Interp.Transformers.Loading;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Transformers;

/// <summary>Clear errors for a checkpoint whose size does not match its header, an unknown architecture, a prompt longer than the context and an unknown hook name.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-bad-transformer-").FullName;
    private static readonly string Gpt2Tiny = Path.Combine(TestPaths.Shared, "reference", "gpt2_tiny");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [InlineData(-4, "truncated")]
    [InlineData(8, "trailing data")]
    public void Checkpoint_size_must_match_its_header(int delta, string says)
    {
        var bytes = File.ReadAllBytes(Stories260K.Checkpoint);
        var path = Path.Combine(_temp, "broken.bin");
        File.WriteAllBytes(path, delta < 0 ? bytes[..^(-delta)] : [.. bytes, .. new byte[delta]]);
        var ex = Assert.Throws<InterpException>(() => Llama2cCheckpoint.Load(path));
        Assert.Contains($"has {bytes.Length + delta} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"exactly {bytes.Length} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dim=64 hidden_dim=172 n_layers=5 n_heads=8 n_kv_heads=4 vocab_size=512 seq_len=512", ex.Message, StringComparison.Ordinal);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Untied_header_expects_the_classifier()
    {
        // The same file with a negative vocab_size (= separate classifier) is 512×64 floats short.
        var bytes = File.ReadAllBytes(Stories260K.Checkpoint);
        BitConverter.GetBytes(-512).CopyTo(bytes, 20);
        var path = Path.Combine(_temp, "untied.bin");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<InterpException>(() => Llama2cCheckpoint.Load(path));
        Assert.Contains($"exactly {bytes.Length + (512 * 64 * 4)} bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_architecture_in_config_json_is_named()
    {
        File.Copy(Path.Combine(Gpt2Tiny, "model.safetensors"), Path.Combine(_temp, "model.safetensors"));
        File.WriteAllText(Path.Combine(_temp, "config.json"), """{ "architectures": ["BertForMaskedLM"], "model_type": "bert" }""");
        var ex = Assert.Throws<InterpException>(() => HuggingFaceLoader.Load(_temp));
        Assert.Contains("'BertForMaskedLM'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GPT2LMHeadModel", ex.Message, StringComparison.Ordinal);
        Assert.Contains("config.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_config_json_is_named()
    {
        var ex = Assert.Throws<InterpException>(() => HuggingFaceLoader.Load(_temp));
        Assert.Contains("no config.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompt_longer_than_the_context_is_refused()
    {
        using var scope = NewDisposeScope();
        using var model = HuggingFaceLoader.Load(Gpt2Tiny).Model;
        var tokens = zeros(1, 33, ScalarType.Int64);
        var ex = Assert.Throws<InterpException>(() => model.call(tokens));
        Assert.Contains("33 tokens", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(n_ctx) is 32", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InterpException>(() => TransformerGenerator.Generate(model, Enumerable.Repeat(0, 33).ToList(), new GenerationOptions()));
        Assert.Contains("outside the vocabulary", Assert.Throws<InterpException>(() => model.call(full(1, 3, 100L))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_hook_name_lists_the_closest_names()
    {
        using var scope = NewDisposeScope();
        using var model = HuggingFaceLoader.Load(Gpt2Tiny).Model;
        var tokens = zeros(1, 4, ScalarType.Int64);
        var ex = Assert.Throws<InterpException>(() => model.RunWithCache(tokens, "blocks.0.hook_resid_pree"));
        Assert.Contains("'blocks.0.hook_resid_pree'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("blocks.0.hook_resid_pre", ex.Message.Split("Closest:")[1], StringComparison.Ordinal);
        ex = Assert.Throws<InterpException>(() => model.RunWithHooks(tokens, ("blocks.1.attn.hook_patern", (a, _) => a)));
        Assert.Contains("blocks.1.attn.hook_pattern", ex.Message, StringComparison.Ordinal);
        Assert.All(model.HookPoints, h => Assert.Equal(0, h.HookCount));
    }
}
