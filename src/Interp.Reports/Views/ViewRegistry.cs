using Interp.Explainers;

namespace Interp.Reports.Views;

/// <summary>The view of each envelope kind.</summary>
internal static class ViewRegistry
{
    private static readonly IReportView[] Views =
    [
        new ShapView(), new ImportanceView(), new AttributionView(), new AttentionView(), new LensView(),
        new PatchingView(), new SaeFeatureView(), new SaeTrainingView(), new ProbeView(), new DlaView(), new HeadDetectorView(),
    ];

    public static IReportView For(ReportEnvelope envelope) =>
        Views.FirstOrDefault(v => v.Accepts(envelope))
        ?? throw new InterpException($"{envelope.Source}: no view renders kind '{envelope.Kind}'.");
}
