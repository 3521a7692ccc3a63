using Interp.Explainers.Mechanistic.ActivationPatching;
using Interp.Explainers.Mechanistic.DirectLogitAttribution;
using Interp.Explainers.Mechanistic.LogitLens;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Tests.Cli;
using Interp.Transformers.Loading;
using Interp.Transformers.Models;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Mechanistic;

/// <summary>
/// The mechanistic explainers on the Llama-style stories260K (RMSNorm, rotary, grouped-query attention, no biases):
/// the lens's last row is the model, DLA terms sum to the logit difference, and the CLI verbs write envelopes.
/// </summary>
public sealed class Stories260KExplainerTests : IDisposable
{
    private static readonly string Checkpoint = Path.Combine(TestPaths.Shared, "data", "stories260K", "stories260K.bin");
    private readonly HookedTransformerModel _model;

    public Stories260KExplainerTests()
    {
        var loaded = TransformerLoader.Load(Checkpoint);
        _model = new HookedTransformerModel(loaded.Model, loaded.Tokenizer, new ModelSource(Checkpoint, null, loaded.Format));
    }

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task LensLastRowIsTheModelAndDlaSumsToTheLogitDifference()
    {
        var tokens = _model.Tokenizer!.Encode("Once upon a time there was a little girl", addBos: true);
        var lens = await new LogitLens(new LogitLensOptions { IncludeLogits = true }).ExplainAsync(new PromptRequest { Model = _model, Tokens = tokens });
        int rows = lens.LayerNames.Count, pos = tokens.Count, vocab = 512;
        Assert.Equal(1 + 5, rows);
        using (NewDisposeScope())
        {
            var logits = _model.Transformer.call(tensor(tokens.Select(t => (long)t).ToArray()).unsqueeze(0))[0].data<float>().ToArray();
            var last = lens.Logits!.Data.AsSpan((rows - 1) * pos * vocab, pos * vocab).ToArray();
            for (int i = 0; i < logits.Length; i++) Assert.Equal(logits[i], last[i], 1e-4);
        }

        Assert.Equal("a", lens.TokenTexts![tokens[7]].Trim());
        var dla = await new DirectLogitAttribution(new DirectLogitAttributionOptions()).ExplainAsync(
            new PromptRequest { Model = _model, Tokens = tokens, AnswerToken = lens.TopTokens.Data[(((rows - 1) * pos) + pos - 1) * 5], WrongToken = 1 });
        Assert.Equal(dla.TargetValue, dla.Contributions.Sum() + dla.BiasTerms, 1e-3);
        Assert.Equal(0.0, dla.BiasTerms);   // Llama: no norm bias, no unembedding bias
        Assert.Equal(1 + (5 * (8 + 1)), dla.Components.Count);   // embed, per layer 8 heads + mlp
    }

    [Fact]
    public async Task PatchingCleanIntoCleanChangesNothing()
    {
        var tokens = _model.Tokenizer!.Encode("Lily had a red ball", addBos: true);
        var e = await new ActivationPatching(new ActivationPatchingOptions { Site = "mlp_out", CellsPerBatch = 64 })
            .ExplainAsync(new PromptRequest { Model = _model, Tokens = tokens, CorruptedTokens = tokens, WrongToken = 1 });
        Assert.Equal([5, tokens.Count], e.RawMetrics!.Shape);
        Assert.All(e.RawMetrics.Data, m => Assert.Equal(e.CleanMetric, m, 1e-4));
    }

    [Fact]
    public void TheVerbsPrintTablesWriteEnvelopesAndRejectUnequalPrompts()
    {
        var temp = Directory.CreateTempSubdirectory("interp-mech-").FullName;
        try
        {
            foreach (var verb in new[] { "lens", "attention", "dla", "heads" })
            {
                var outFile = Path.Combine(temp, verb + ".json");
                var r = CliRunner.Run("/", verb, "--model", Checkpoint, "--prompt", "Once upon a time", "--out", outFile);
                Assert.True(r.ExitCode == 0, verb + ": " + r.Stderr + r.Stdout);
                Assert.Contains("interp.explanation/1", File.ReadAllText(outFile));
                Assert.Contains("│", r.Stdout);
            }

            var patch = Path.Combine(temp, "patch.json");
            var ok = CliRunner.Run("/", "patch", "--model", Checkpoint, "--tokens", "1,403,407,261,410,432", "--corrupted-tokens", "1,403,407,300,410,432", "--out", patch);
            Assert.True(ok.ExitCode == 0, ok.Stderr + ok.Stdout);
            Assert.Contains("\"axes\"", File.ReadAllText(patch));

            var bad = CliRunner.Run("/", "patch", "--model", Checkpoint, "--tokens", "1,2,3", "--corrupted-tokens", "1,2");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("equal token length", bad.Stderr);
            bad = CliRunner.Run("/", "lens", "--model", Checkpoint, "--tokens", string.Join(",", Enumerable.Repeat(1, 600)));
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("context", bad.Stderr);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
