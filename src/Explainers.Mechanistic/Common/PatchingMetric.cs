using static TorchSharp.torch;

namespace Interp.Explainers.Mechanistic.Common;

/// <summary>
/// The metric of a patching experiment, read from logits at one position: <c>logit_diff</c> (answer − wrong),
/// <c>probability</c> (softmax probability of the answer) or <c>loss</c> (cross-entropy of the answer:
/// −log p(answer)). The answer defaults to the clean run's top token there, the wrong token to the corrupted run's
/// top token (its second when both agree).
/// </summary>
internal sealed class PatchingMetric
{
    private PatchingMetric(string name, int position, int answer, int wrong)
    {
        Name = name;
        Position = position;
        Answer = answer;
        Wrong = wrong;
    }

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>The position the logits are read at.</summary>
    public int Position { get; }

    /// <summary>The answer token.</summary>
    public int Answer { get; }

    /// <summary>The wrong token (logit difference only).</summary>
    public int Wrong { get; }

    /// <summary>Chooses the tokens from the request or from the clean and corrupted logits [1, pos, vocab].</summary>
    public static PatchingMetric Create(string name, int position, int? answer, int? wrong, Tensor cleanLogits, Tensor corruptedLogits, int vocab, string method)
    {
        int a = answer ?? (int)cleanLogits[0, position].argmax().item<long>();
        int b = wrong ?? SecondBest(corruptedLogits[0, position], a);
        foreach (var (token, what) in new[] { (a, "answer"), (b, "wrong") })
        {
            if (token < 0 || token >= vocab) throw new InterpException($"{method}: the {what} token {token} is outside the vocabulary [0, {vocab}).") { IsConfigurationError = true };
        }

        return new PatchingMetric(name, position, a, b);
    }

    /// <summary>The metric of every batch element of <paramref name="logits"/> [batch, pos, vocab], as a [batch] tensor.</summary>
    public Tensor Of(Tensor logits)
    {
        var at = logits.select(1, Position).to(ScalarType.Float32);   // [batch, vocab]
        return Name switch
        {
            "probability" => at.softmax(-1).select(1, Answer),
            "loss" => -at.log_softmax(-1).select(1, Answer),
            _ => at.select(1, Answer) - at.select(1, Wrong),
        };
    }

    /// <summary>The metric values as doubles.</summary>
    public double[] Values(Tensor logits) => Of(logits).to(ScalarType.Float64).cpu().data<double>().ToArray();

    private static int SecondBest(Tensor logits, int exclude)
    {
        var values = logits.to(ScalarType.Float64).cpu().data<double>().ToArray();
        return AnswerTokens.ArgMax(values, exclude);
    }
}
