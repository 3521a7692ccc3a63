namespace Interp.Transformers.Generation;

/// <summary>Settings of <see cref="TransformerGenerator.Generate"/> (run.c's command-line flags).</summary>
public sealed record GenerationOptions
{
    /// <summary>Total positions to run, prompt included (run.c's <c>-n</c>; capped at n_ctx).</summary>
    public int Steps { get; init; } = 256;

    /// <summary>0 for greedy decoding (run.c's <c>-t</c>).</summary>
    public float Temperature { get; init; } = 1.0f;

    /// <summary>Top-p mass (run.c's <c>-p</c>).</summary>
    public float TopP { get; init; } = 0.9f;

    /// <summary>The RNG seed (run.c's <c>-s</c>).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Stop when this token is produced (run.c stops at BOS); null uses the model's BOS, if any.</summary>
    public int? StopToken { get; init; }
}
