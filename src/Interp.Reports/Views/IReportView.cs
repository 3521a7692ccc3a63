namespace Interp.Reports.Views;

/// <summary>One view of a report page: turns an envelope into the JSON its script draws, notes and static charts.</summary>
internal interface IReportView
{
    /// <summary>The script (Assets/&lt;Script&gt;.js) that draws it; it registers <c>Interp.views[Name]</c>.</summary>
    string Script { get; }

    /// <summary>The name the script registers.</summary>
    string Name { get; }

    /// <summary>Whether the view draws this envelope.</summary>
    bool Accepts(ReportEnvelope envelope);

    /// <summary>The view's data, notes and static charts.</summary>
    ViewOutput Build(ReportEnvelope envelope, ReportOptions options);
}
