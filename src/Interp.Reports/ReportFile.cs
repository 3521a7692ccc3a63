namespace Interp.Reports;

/// <summary>A file of a rendered report: where it goes and its bytes.</summary>
/// <param name="Path">Full destination path.</param>
/// <param name="Content">The bytes.</param>
public sealed record ReportFile(string Path, byte[] Content);
