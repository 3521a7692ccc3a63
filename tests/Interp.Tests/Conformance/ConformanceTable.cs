using Interp.Explainers;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>
/// One row per registered explainer: adding a row enrols the explainer in every cross-cutting conformance test.
/// </summary>
public static class ConformanceTable
{
    /// <param name="Name">Registry name.</param>
    /// <param name="Level">Declared level.</param>
    /// <param name="Binds">An option set through configuration and the value it must bind to.</param>
    /// <param name="Bad">An option value that must be rejected at start.</param>
    /// <param name="Required">Options the explainer needs in every test (e.g. a window, a layer).</param>
    /// <param name="Gradients">Runs on the imported (differentiable, hookable) model rather than ONNX Runtime.</param>
    /// <param name="CnnShape">The attributions' per-example shape on cnn_tiny when it is not the input's (layer methods).</param>
    /// <param name="Case">The reference case most tests run on.</param>
    public sealed record Entry(
        string Name,
        ExplainerLevel Level,
        (string Option, string Value, object Expected) Binds,
        (string Option, string Value) Bad,
        (string Option, string Value)[] Required,
        bool Gradients = false,
        int[]? CnnShape = null,
        string Case = "mlp_tabular");

    /// <summary>Replaced in option values by the reference layer of the case.</summary>
    public const string LayerPlaceholder = "{layer}";

    public static string LayerOf(string caseName) => caseName == "cnn_tiny" ? "/0/Conv_output_0" : "/1/Relu_output_0";

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("FeatureAblation", ExplainerLevel.Local, ("Mask", "grouped", MaskKind.Grouped), ("PerturbationsPerEval", "-1"), []),
        new("Occlusion", ExplainerLevel.Local, ("SlidingWindowShapes:0", "2", new[] { 2 }), ("Strides:0", "0"), [("SlidingWindowShapes:0", "2")]),
        new("Lime", ExplainerLevel.Local, ("Samples", "77", 77), ("Samples", "0"), [("Samples", "60")]),
        new("IntegratedGradients", ExplainerLevel.Local, ("Rule", "riemann_left", "riemann_left"), ("Steps", "0"), [("Steps", "8")], Gradients: true),
        new("Saliency", ExplainerLevel.Local, ("Abs", "false", false), ("PerturbationsPerEval", "-1"), [], Gradients: true),
        new("InputXGradient", ExplainerLevel.Local, ("PerturbationsPerEval", "3", 3), ("PerturbationsPerEval", "-2"), [], Gradients: true),
        new("GuidedBackprop", ExplainerLevel.Local, ("PerturbationsPerEval", "3", 3), ("PerturbationsPerEval", "-2"), [], Gradients: true),
        new("Deconvolution", ExplainerLevel.Local, ("PerturbationsPerEval", "3", 3), ("PerturbationsPerEval", "-2"), [], Gradients: true),
        new("DeepLift", ExplainerLevel.Local, ("Epsilon", "0.001", 0.001), ("Epsilon", "2"), [], Gradients: true),
        new("DeepLiftShap", ExplainerLevel.Local, ("Epsilon", "0.001", 0.001), ("Epsilon", "2"), [], Gradients: true),
        new("GradientShap", ExplainerLevel.Local, ("Samples", "7", 7), ("Samples", "0"), [("Stdev", "0.05")], Gradients: true),
        new("NoiseTunnel", ExplainerLevel.Local, ("Type", "vargrad", "vargrad"), ("Type", "bogus"), [("Samples", "3"), ("Stdev", "0.1")], Gradients: true),
        new("LayerActivation", ExplainerLevel.Local, ("Layer", "x", "x"), ("PerturbationsPerEval", "-1"), [("Layer", LayerPlaceholder)], Gradients: true, CnnShape: [4, 8, 8]),
        new("LayerGradientXActivation", ExplainerLevel.Local, ("Layer", "x", "x"), ("PerturbationsPerEval", "-1"), [("Layer", LayerPlaceholder)], Gradients: true, CnnShape: [4, 8, 8]),
        new("LayerIntegratedGradients", ExplainerLevel.Local, ("Steps", "9", 9), ("Rule", "simpson"), [("Layer", LayerPlaceholder), ("Steps", "6")], Gradients: true, CnnShape: [4, 8, 8]),
        new("LayerConductance", ExplainerLevel.Local, ("Steps", "9", 9), ("Steps", "0"), [("Layer", LayerPlaceholder), ("Steps", "6")], Gradients: true, CnnShape: [4, 8, 8]),
        new("LayerGradCam", ExplainerLevel.Local, ("ReluAttributions", "true", true), ("PerturbationsPerEval", "-1"), [("Layer", LayerPlaceholder)], Gradients: true, CnnShape: [1, 8, 8]),
        new("GuidedGradCam", ExplainerLevel.Local, ("Layer", "x", "x"), ("PerturbationsPerEval", "-1"), [("Layer", LayerPlaceholder)], Gradients: true, Case: "cnn_tiny"),
        new("ExactShap", ExplainerLevel.Local, ("Mask", "grouped", MaskKind.Grouped), ("PerturbationsPerEval", "-1"), []),
        new("ShapleyValueSampling", ExplainerLevel.Local, ("Samples", "7", 7), ("Samples", "0"), [("Samples", "3")]),
        new("PermutationShap", ExplainerLevel.Local, ("MaxEvals", "99", 99), ("MaxEvals", "0"), [("MaxEvals", "40")]),
        new("KernelShap", ExplainerLevel.Local, ("Formulation", "captum", Interp.Explainers.Attribution.KernelShap.KernelShapFormulation.Captum), ("Formulation", "bogus"), [("Samples", "40")]),
        new("FeaturePermutation", ExplainerLevel.Local, ("Mask", "grouped", MaskKind.Grouped), ("PerturbationsPerEval", "-1"), []),
    ];

    /// <summary>
    /// Explainers of tree ensembles (SHAP requests, not attribution requests): enrolled in <see cref="TreeConformanceTests"/>,
    /// the same cross-cutting checks on a small LightGBM model.
    /// </summary>
    public static IReadOnlyList<Entry> TreeEntries { get; } =
    [
        new("TreeShap", ExplainerLevel.Local, ("Interactions", "true", true), ("FeaturePerturbation", "bogus"), [], Case: "lightgbm_binary"),
    ];

    /// <summary>
    /// Explainers that need a linear model (LinearShap) or that are global (PermutationFeatureImportance): enrolled in
    /// <see cref="ModelConformanceTests"/> on an ML.NET linear regression trained in memory.
    /// </summary>
    public static IReadOnlyList<Entry> ModelEntries { get; } =
    [
        new("LinearShap", ExplainerLevel.Local, ("AllowNonFinite", "true", true), ("AllowNonFinite", "bogus"), [], Case: "mlnet_linear"),
        new("PermutationFeatureImportance", ExplainerLevel.Global, ("Metric", "rmse", Interp.Explainers.Attribution.PermutationFeatureImportance.ImportanceMetric.Rmse), ("Repeats", "0"), [("Parallelism", "2")], Case: "mlnet_linear"),
    ];

    /// <summary>
    /// Mechanistic explainers (prompt requests on hooked transformers): enrolled in <see cref="MechanisticConformanceTests"/>
    /// on gpt2_tiny with its clean/corrupted prompt pair.
    /// </summary>
    public static IReadOnlyList<Entry> MechanisticEntries { get; } =
    [
        new("AttentionPatterns", ExplainerLevel.Mechanistic, ("Hooks", "blocks.1.attn.hook_pattern", "blocks.1.attn.hook_pattern"), ("Colour", "red"), [], Case: "gpt2_tiny"),
        new("LogitLens", ExplainerLevel.Mechanistic, ("TopK", "3", 3), ("TopK", "0"), [], Case: "gpt2_tiny"),
        new("ResidualDecomposition", ExplainerLevel.Mechanistic, ("Position", "4", 4), ("Position", "x"), [], Case: "gpt2_tiny"),
        new("DirectLogitAttribution", ExplainerLevel.Mechanistic, ("Position", "-2", -2), ("Position", "x"), [], Case: "gpt2_tiny"),
        new("ActivationPatching", ExplainerLevel.Mechanistic, ("Metric", "probability", "probability"), ("Direction", "sideways"), [("CellsPerBatch", "5")], Case: "gpt2_tiny"),
        new("AttributionPatching", ExplainerLevel.Mechanistic, ("Site", "attn_out", "attn_out"), ("Metric", "accuracy"), [], Case: "gpt2_tiny"),
        new("HeadDetector", ExplainerLevel.Mechanistic, ("Seed", "5", 5), ("Source", "bogus"), [("SequenceLength", "6"), ("Sequences", "2")], Case: "gpt2_tiny"),
    ];

    /// <summary>
    /// Concept explainers (concept requests on stories260K): enrolled in <see cref="SaeConformanceTests"/>.
    /// </summary>
    public static IReadOnlyList<Entry> SaeEntries { get; } =
    [
        new("SaeFeatures", ExplainerLevel.Concept, ("TopContexts", "3", 3), ("HistogramBins", "0"), [("SteeringSteps", "3"), ("TopFeatures", "2")], Case: "stories260K"),
        new("LinearProbe", ExplainerLevel.Concept, ("TopMatches", "3", 3), ("HeldOutFraction", "2"), [("Steps", "60")], Case: "stories260K"),
    ];

    public static TheoryData<string> SaeNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in SaeEntries) data.Add(e.Name);
        return data;
    }

    public static TheoryData<string> MechanisticNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in MechanisticEntries) data.Add(e.Name);
        return data;
    }

    public static TheoryData<string> ModelNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in ModelEntries) data.Add(e.Name);
        return data;
    }

    /// <summary>The explainers that run on their own models (<see cref="TreeEntries"/> and <see cref="ModelEntries"/>): their configuration checks.</summary>
    public static TheoryData<string> OwnModelNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in TreeEntries.Concat(ModelEntries).Concat(MechanisticEntries).Concat(SaeEntries)) data.Add(e.Name);
        return data;
    }

    public static TheoryData<string> TreeNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in TreeEntries) data.Add(e.Name);
        return data;
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var e in Entries) data.Add(e.Name);
        return data;
    }

    public static Entry Get(string name) => Entries.Single(e => e.Name == name);
}
