namespace Interp.Reports;

/// <summary>The explanation kinds a report can render.</summary>
public static class ReportKinds
{
    /// <summary>Every kind with a view.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "attribution", "shap", "global_importance", "attention", "lens", "patching", "sae_feature", "probe", "dla", "decomposition", "head_detector", "head_scores", "sae_training",
    ];
}
