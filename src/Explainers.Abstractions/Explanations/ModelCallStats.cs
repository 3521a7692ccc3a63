namespace Interp.Explainers.Explanations;

/// <summary>How an explainer used the model.</summary>
/// <param name="Calls">Number of model calls (batches).</param>
/// <param name="Rows">Number of rows evaluated in all.</param>
public sealed record ModelCallStats(long Calls, long Rows);
