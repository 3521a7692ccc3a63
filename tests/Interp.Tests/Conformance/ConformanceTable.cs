using Interp.Explainers;
using Xunit;

namespace Interp.Tests.Conformance;

/// <summary>
/// One row per registered explainer: adding a row enrols the explainer in every cross-cutting conformance test.
/// </summary>
public static class ConformanceTable
{
    public sealed record Entry(
        string Name,
        ExplainerLevel Level,
        (string Option, string Value, object Expected) Binds,
        (string Option, string Value) Bad,
        (string Option, string Value)[] Required);

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("FeatureAblation", ExplainerLevel.Local, ("Mask", "grouped", MaskKind.Grouped), ("PerturbationsPerEval", "-1"), []),
        new("Occlusion", ExplainerLevel.Local, ("SlidingWindowShapes:0", "2", new[] { 2 }), ("Strides:0", "0"), [("SlidingWindowShapes:0", "2")]),
        new("Lime", ExplainerLevel.Local, ("Samples", "77", 77), ("Samples", "0"), [("Samples", "60")]),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var e in Entries) data.Add(e.Name);
        return data;
    }

    public static Entry Get(string name) => Entries.Single(e => e.Name == name);
}
