namespace Interp.Reports;

/// <summary>One rendered page: self-contained HTML (inline scripts, styles and data) and its static charts.</summary>
public sealed class ReportPage
{
    internal ReportPage(string stem, string title, string html, IReadOnlyList<ReportChart> charts, IReadOnlyList<string> notes)
    {
        Stem = stem;
        Title = title;
        Html = html;
        Charts = charts;
        Notes = notes;
    }

    /// <summary>The file-name stem (<c>&lt;stem&gt;.html</c>, <c>&lt;stem&gt;.&lt;chart&gt;.png</c>).</summary>
    public string Stem { get; }

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>The whole HTML document.</summary>
    public string Html { get; }

    /// <summary>Static charts of the page (written with <c>--png</c>/<c>--svg</c>).</summary>
    public IReadOnlyList<ReportChart> Charts { get; }

    /// <summary>What the page says about compression or subsampling (also shown on the page).</summary>
    public IReadOnlyList<string> Notes { get; }
}
