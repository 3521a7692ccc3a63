namespace Interp.Explainers.Mechanistic.Common;

/// <summary>The token (pair) a logit metric is about: the request's answer (and wrong) token, else the model's own top prediction.</summary>
internal static class AnswerTokens
{
    /// <summary>Index of the largest value.</summary>
    public static int ArgMax(IReadOnlyList<double> values, int exclude = -1)
    {
        int best = -1;
        for (int i = 0; i < values.Count; i++)
        {
            if (i == exclude) continue;
            if (best < 0 || values[i] > values[best]) best = i;
        }

        return best;
    }

    /// <summary>A readable name of the target: <c>logit[a] - logit[b]</c> or <c>logit[a]</c>.</summary>
    public static string Describe(int answer, int? wrong) => wrong is int w ? $"logit[{answer}] - logit[{w}]" : $"logit[{answer}]";
}
