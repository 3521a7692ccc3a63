using System.Text.Json;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>Deletion/insertion curves from an attribution's <c>extras</c> (written by <c>--quality</c>): per example, fraction and values.</summary>
internal static class AttributionCurves
{
    private static readonly string[] Names = ["curve_fraction", "deletion_curve", "deletion_curve_random", "insertion_curve", "insertion_curve_random"];

    /// <summary>Curves by name, [examples][points] (first <paramref name="examples"/>), or null when there are none.</summary>
    public static Dictionary<string, float?[][]>? Read(ReportEnvelope e, int examples)
    {
        if (e.Get("extras") is not { ValueKind: JsonValueKind.Object } extras || !extras.TryGetProperty("curve_fraction", out _)) return null;
        var result = new Dictionary<string, float?[][]>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            if (!extras.TryGetProperty(name, out var v)) continue;
            var arr = NestedArray.Read(v, "extras." + name);
            if (arr.Rank != 2) continue;
            result[name] = Enumerable.Range(0, Math.Min(examples, arr.Shape[0])).Select(i => Values.Finite(arr.Row(i))).ToArray();
        }

        return result.Count > 1 ? result : null;
    }
}
