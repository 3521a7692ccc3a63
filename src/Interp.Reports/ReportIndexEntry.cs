namespace Interp.Reports;

/// <summary>A line of a report index page: a linked page and what it shows.</summary>
/// <param name="Title">Link text.</param>
/// <param name="Href">Relative link to the page.</param>
/// <param name="Kind">Explanation kind (or <c>comparison</c>, <c>feature_index</c>).</param>
/// <param name="Method">Explainer name.</param>
/// <param name="Summary">One line: quality numbers and notes.</param>
/// <param name="Files">Other files of the page (charts, the envelope), relative links.</param>
public sealed record ReportIndexEntry(string Title, string Href, string Kind, string Method, string Summary, IReadOnlyList<string> Files);
