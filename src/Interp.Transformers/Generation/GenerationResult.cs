namespace Interp.Transformers.Generation;

/// <summary>The outcome of a generation.</summary>
/// <param name="Tokens">The prompt followed by the generated tokens (the stop token excluded).</param>
/// <param name="PromptLength">How many of <paramref name="Tokens"/> were the prompt.</param>
/// <param name="Stopped">True when the stop token ended the generation before the step limit.</param>
public sealed record GenerationResult(IReadOnlyList<int> Tokens, int PromptLength, bool Stopped)
{
    /// <summary>The generated tokens only.</summary>
    public IReadOnlyList<int> Generated => Tokens.Skip(PromptLength).ToList();
}
