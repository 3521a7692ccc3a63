using System.Text.Json;
using Interp.Explainers;
using Interp.Reports.Json;

namespace Interp.Reports.Views;

/// <summary>A SHAP envelope's arrays, normalised to [rows, classes, features] (classes = 1 for single-output models).</summary>
internal sealed class ShapData
{
    public required string[] Features { get; init; }

    public required int Rows { get; init; }

    public required int Classes { get; init; }

    public required bool Multiclass { get; init; }

    /// <summary>[rows × classes].</summary>
    public required double[] Base { get; init; }

    /// <summary>[rows × classes × features].</summary>
    public required double[] Phi { get; init; }

    /// <summary>[rows × features] or null.</summary>
    public double[]? X { get; init; }

    /// <summary>Per feature, the strongest interacting feature (−1 none), or null.</summary>
    public int[]? Interaction { get; init; }

    /// <summary>[classes × features] over all rows.</summary>
    public required double[] MeanAbs { get; init; }

    public double At(int row, int cls, int f) => Phi[(((row * Classes) + cls) * Features.Length) + f];

    public static ShapData Read(ReportEnvelope e)
    {
        var names = e.Require("feature_names").EnumerateArray().Select(n => n.GetString() ?? "?").ToArray();
        var phi = NestedArray.Read(e.Require("shap_values"), "shap_values");
        var baseValues = NestedArray.Read(e.Require("base_values"), "base_values");
        int f = names.Length;
        if (phi.Rank is not (2 or 3) || phi.Shape[^1] != f)
        {
            throw new InterpException($"\"shap_values\" must be [rows, features] or [rows, classes, features] with {f} features; it is [{string.Join(",", phi.Shape)}].");
        }

        int rows = phi.Shape[0], classes = phi.Rank == 3 ? phi.Shape[1] : 1;
        if (baseValues.Data.Length != rows * classes)
        {
            throw new InterpException($"\"base_values\" has {baseValues.Data.Length} values; {rows} rows × {classes} outputs need {rows * classes}.");
        }

        double[]? x = null;
        int[]? interaction = null;
        if (e.Get("dependence") is { ValueKind: JsonValueKind.Object } dep)
        {
            if (dep.TryGetProperty("feature_values", out var fv))
            {
                var values = NestedArray.Read(fv, "dependence.feature_values");
                if (values.Data.Length == rows * f) x = values.Data;
            }

            if (dep.TryGetProperty("interaction_feature", out var inter))
            {
                var idx = NestedArray.Read(inter, "dependence.interaction_feature").Data.Select(v => double.IsFinite(v) ? (int)v : -1).ToArray();
                if (idx.Length == f) interaction = idx;
            }
        }

        var meanAbs = new double[classes * f];
        if (e.Get("mean_abs_shap") is { } mas && NestedArray.Read(mas, "mean_abs_shap") is { } m && m.Data.Length == classes * f)
        {
            meanAbs = m.Data;
        }
        else if (rows > 0)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < classes * f; i++) meanAbs[i] += Math.Abs(phi.Data[(r * classes * f) + i]) / rows;
            }
        }

        return new ShapData
        {
            Features = names, Rows = rows, Classes = classes, Multiclass = phi.Rank == 3, Base = baseValues.Data, Phi = phi.Data,
            X = x, Interaction = interaction, MeanAbs = meanAbs,
        };
    }
}
