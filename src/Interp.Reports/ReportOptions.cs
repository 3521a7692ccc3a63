namespace Interp.Reports;

/// <summary>How reports are rendered: the size budget of the embedded data and optional inputs the envelope lacks.</summary>
public sealed record ReportOptions
{
    /// <summary>
    /// Budget for the data embedded in one page, in bytes (default 8 MiB). Larger data is compressed (float16) or
    /// subsampled (top-k keys per query, a subset of rows), and the page says so.
    /// </summary>
    public long DataBudgetBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>Input images per example, for image attributions to be blended over (the envelope does not hold them).</summary>
    public IReadOnlyList<ReportImage>? Images { get; init; }

    /// <summary>Keys kept per query when an attention tensor exceeds the budget (default 16).</summary>
    public int AttentionTopK { get; init; } = 16;

    /// <summary>Most rows shown in row-wise charts (beeswarm, dependence, row selector; default 2000).</summary>
    public int MaxRows { get; init; } = 2000;

    /// <summary>Most examples shown for local attributions (default 32).</summary>
    public int MaxExamples { get; init; } = 32;
}
