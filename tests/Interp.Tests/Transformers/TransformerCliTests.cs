using System.Text.Json;
using Interp.Tests.Cli;
using Xunit;

namespace Interp.Tests.Transformers;

/// <summary><c>interp generate</c> and <c>interp cache</c> end to end from <c>/</c>.</summary>
public sealed class TransformerCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("interp-transformer-cli-").FullName;
    private static readonly string Gpt2Tiny = Path.Combine(TestPaths.Shared, "reference", "gpt2_tiny");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Generate_greedy_prints_what_run_c_prints()
    {
        var r = CliRunner.Run("/", "generate", "--model", Stories260K.Checkpoint, "--prompt", "", "--temperature", "0");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(Stories260K.Folder, "expected_greedy_t0.txt")), r.Stdout);
    }

    [Fact]
    public void Generate_with_prompt_starts_with_the_prompt()
    {
        var r = CliRunner.Run("/", "generate", "--model", Stories260K.Checkpoint, "--tokenizer", Stories260K.TokenizerFile, "--prompt", "Lily had a dog", "--steps", "30", "--seed", "5");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("Lily had a dog", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cache_writes_tokens_activations_and_logits_matching_the_reference()
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Reference("gpt2_tiny", "expected.json")));
        var tokens = string.Join(",", expected.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()));
        var outFile = Path.Combine(_temp, "cache.json");
        var r = CliRunner.Run("/", "cache", "--model", Gpt2Tiny, "--tokens", tokens, "--hooks", "blocks.*.hook_resid_post", "--hooks", "blocks.0.attn.hook_attn_scores", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(outFile));
        var root = doc.RootElement;
        Assert.Equal(tokens, string.Join(",", root.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32())));
        var activations = root.GetProperty("activations");
        Assert.Equal(["blocks.0.attn.hook_attn_scores", "blocks.0.hook_resid_post", "blocks.1.hook_resid_post"], activations.EnumerateObject().Select(p => p.Name));
        var residPost = expected.RootElement.GetProperty("resid_post");
        for (int l = 0; l < 2; l++)
        {
            Assert.True(JsonArrays.MaxAbsDiff(JsonArrays.ToTensor(residPost[l]), JsonArrays.ToTensor(activations.GetProperty($"blocks.{l}.hook_resid_post"))) < 1e-4);
        }

        Assert.True(JsonArrays.MaxAbsDiff(JsonArrays.ToTensor(expected.RootElement.GetProperty("logits")), JsonArrays.ToTensor(root.GetProperty("logits"))) < 1e-4);
        // Masked scores (−∞) are written as null: [head][query][key].
        var scores = activations.GetProperty("blocks.0.attn.hook_attn_scores");
        Assert.Equal(4, scores.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, scores[0][0][1].ValueKind);
        Assert.Equal(JsonValueKind.Number, scores[0][1][0].ValueKind);
    }

    [Fact]
    public void Bad_input_gives_one_line_errors()
    {
        var unknownHook = CliRunner.Run("/", "cache", "--model", Gpt2Tiny, "--tokens", "1,2,3", "--hooks", "blocks.0.hook_resid_pree", "--out", Path.Combine(_temp, "x.json"));
        Assert.Equal(2, unknownHook.ExitCode);
        Assert.Contains("Closest: blocks.0.hook_resid_pre", unknownHook.Stderr, StringComparison.Ordinal);
        var tooLong = CliRunner.Run("/", "cache", "--model", Gpt2Tiny, "--tokens", string.Join(",", Enumerable.Repeat(1, 40)), "--hooks", "**", "--out", Path.Combine(_temp, "y.json"));
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("40 tokens", tooLong.Stderr, StringComparison.Ordinal);
        var noTokenizer = CliRunner.Run("/", "generate", "--model", Gpt2Tiny, "--prompt", "hello");
        Assert.Equal(2, noTokenizer.ExitCode);
        Assert.Contains("--tokens", noTokenizer.Stderr, StringComparison.Ordinal);
    }
}
