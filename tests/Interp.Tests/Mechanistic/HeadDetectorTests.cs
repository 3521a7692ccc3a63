using Interp.Explainers.Mechanistic.HeadDetector;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Transformers;
using Interp.Transformers.Models;
using Xunit;
using static TorchSharp.torch;

namespace Interp.Tests.Mechanistic;

/// <summary>
/// HeadDetector on a hand-weighted one-layer transformer: positions are one-hot in the residual stream, head 0's
/// query at position i is position i−1's key, so it attends to the previous token; head 1 has zero weights and attends
/// uniformly. Also the detectors' target positions on a repeated sequence.
/// </summary>
public sealed class HeadDetectorTests
{
    [Fact]
    public async Task APreviousTokenHeadScoresHighAndAUniformHeadLow()
    {
        using var model = PreviousTokenModel();
        var request = new PromptRequest { Model = model, Tokens = [0] };
        var e = await new HeadDetector(new HeadDetectorOptions { SequenceLength = 15, Sequences = 4, Seed = 3 }).ExplainAsync(request);
        Assert.Equal(["previous_token", "duplicate_token", "induction"], e.Detectors);
        Assert.Equal([3, 1, 2], e.Scores.Shape);
        Assert.True(e.Scores.Data[0] > 0.9, $"head 0 previous-token score {e.Scores.Data[0]}");
        Assert.True(e.Scores.Data[1] < 0.2, $"head 1 previous-token score {e.Scores.Data[1]}");
        Assert.True(e.Scores.Data[(2 * 2) + 0] < 0.2, $"head 0 is no induction head: {e.Scores.Data[4]}");

        var again = await new HeadDetector(new HeadDetectorOptions { SequenceLength = 15, Sequences = 4, Seed = 3 }).ExplainAsync(request);
        Assert.Equal(e.Scores.Data, again.Scores.Data);
    }

    [Fact]
    public void TargetsOnARepeatedSequenceAreThePreviousTheSameAndTheNextPositions()
    {
        int[] tokens = [1, 7, 8, 9, 7, 8, 9];   // BOS, r = 7 8 9, r again
        Assert.Equal([4], HeadDetector.Targets(0, tokens, 5));
        Assert.Equal([2], HeadDetector.Targets(1, tokens, 5));   // token 8 seen at position 2
        Assert.Equal([3], HeadDetector.Targets(2, tokens, 5));   // the token after that earlier 8
        Assert.Empty(HeadDetector.Targets(1, tokens, 2));
        Assert.Empty(HeadDetector.Targets(0, tokens, 0));
    }

    /// <summary>d_model 64 (positions one-hot in dims 0..31, token embeddings in 32..63), 2 heads of 32, n_ctx 32.</summary>
    private static HookedTransformerModel PreviousTokenModel()
    {
        var cfg = HookedTransformerConfig.Gpt2(nLayers: 1, dModel: 64, nHeads: 2, dMlp: 16, dVocab: 16, nCtx: 32, tiedUnembed: false);
        var t = new HookedTransformer(cfg);
        using (no_grad())
        {
            foreach (var p in t.parameters()) p.zero_();
            foreach (var ln in new[] { t.Blocks[0].Ln1, t.Blocks[0].Ln2, t.LnFinal }) ln.W.fill_(1);
            var rng = new Random(5);
            for (int v = 0; v < 16; v++) for (int j = 32; j < 64; j++) t.WE[v, j] = (float)((rng.NextDouble() - 0.5) * 0.2);
            for (int p = 0; p < 32; p++) t.WPos![p, p] = 1f;
            var wq = t.Blocks[0].Attn.WQ;   // [head, d_model, d_head] view of the weights
            var wk = t.Blocks[0].Attn.WK;
            for (int i = 1; i < 32; i++) wq[0, i, i - 1] = 1f;
            for (int j = 0; j < 32; j++) wk[0, j, j] = 1f;
        }

        return new HookedTransformerModel(t, null, new ModelSource("hand-weighted", null, "torchsharp"));
    }
}
