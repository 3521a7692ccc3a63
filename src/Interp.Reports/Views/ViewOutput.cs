namespace Interp.Reports.Views;

/// <summary>What a view contributes to its page.</summary>
/// <param name="Data">The JSON-serialisable data blob its script reads.</param>
/// <param name="Notes">Lines shown in the page's notes (what was compressed or subsampled).</param>
/// <param name="Charts">Static charts for <c>--png</c>/<c>--svg</c>.</param>
internal sealed record ViewOutput(object Data, IReadOnlyList<string> Notes, IReadOnlyList<ReportChart> Charts);
