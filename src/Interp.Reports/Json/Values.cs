namespace Interp.Reports.Json;

/// <summary>Numbers for the page's JSON: float precision, NaN and infinities as null.</summary>
internal static class Values
{
    public static float?[] Finite(IEnumerable<double> values) => values.Select(v => double.IsFinite(v) ? (float?)(float)v : null).ToArray();

    public static float?[] Finite(IEnumerable<float> values) => values.Select(v => float.IsFinite(v) ? (float?)v : null).ToArray();

    public static double? Number(double v) => double.IsFinite(v) ? v : null;
}
