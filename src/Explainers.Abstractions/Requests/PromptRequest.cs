namespace Interp.Explainers.Requests;

/// <summary>
/// A mechanistic request on a language model: a token sequence (attention patterns, logit lens, direct logit
/// attribution) and, for patching, a corrupted sequence of the same length and the answer tokens of the metric.
/// </summary>
public sealed class PromptRequest : ExplanationRequest
{
    /// <summary>The (clean) prompt as token ids.</summary>
    public required IReadOnlyList<int> Tokens { get; init; }

    /// <summary>The corrupted prompt for activation patching; same length as <see cref="Tokens"/>.</summary>
    public IReadOnlyList<int>? CorruptedTokens { get; init; }

    /// <summary>The correct answer token of a logit-difference metric.</summary>
    public int? AnswerToken { get; init; }

    /// <summary>The wrong answer token of a logit-difference metric.</summary>
    public int? WrongToken { get; init; }

    /// <summary>Token strings for display, one per token id.</summary>
    public IReadOnlyList<string>? TokenStrings { get; init; }
}
