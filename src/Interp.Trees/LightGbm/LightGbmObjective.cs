using System.Globalization;
using Interp.Explainers.Models;

namespace Interp.Trees.LightGbm;

/// <summary>Maps LightGBM's <c>objective=</c> line to the link from raw scores to predictions, and back.</summary>
public static class LightGbmObjective
{
    /// <summary>The link of an objective line such as <c>binary sigmoid:1</c> or <c>multiclass num_class:3</c>.</summary>
    /// <param name="objective">The value of <c>objective=</c>; null or empty: raw scores (identity).</param>
    /// <returns>The link, or null when the objective is not known.</returns>
    public static OutputLink? LinkOf(string? objective)
    {
        if (string.IsNullOrWhiteSpace(objective)) return OutputLink.Identity;
        var parts = objective.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double sigmoid = 1;
        foreach (var p in parts.Skip(1))
        {
            if (p.StartsWith("sigmoid:", StringComparison.Ordinal) &&
                double.TryParse(p.AsSpan("sigmoid:".Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            {
                sigmoid = s;
            }
        }

        bool sqrt = parts.Skip(1).Contains("sqrt");
        return parts[0] switch
        {
            "binary" or "multiclassova" => new OutputLink(LinkFunction.Logistic, sigmoid),
            "cross_entropy" => new OutputLink(LinkFunction.Logistic),
            "cross_entropy_lambda" => new OutputLink(LinkFunction.Softplus),
            "multiclass" => new OutputLink(LinkFunction.Softmax),
            "poisson" or "gamma" or "tweedie" => new OutputLink(LinkFunction.Exp),
            "regression" or "regression_l1" or "huber" or "fair" or "quantile" or "mape" =>
                sqrt ? new OutputLink(LinkFunction.SignedSquare) : OutputLink.Identity,
            "lambdarank" or "rank_xendcg" or "custom" => OutputLink.Identity,
            _ => null,
        };
    }

    /// <summary>
    /// An objective line for an ensemble whose objective is not recorded, chosen from its link; null when no LightGBM
    /// objective has that link (a logistic with an offset, i.e. a Platt calibrator; an identity link on several
    /// outputs): the file then has no objective and native LightGBM predicts raw scores.
    /// </summary>
    /// <param name="link">The link.</param>
    /// <param name="outputCount">Number of outputs (classes).</param>
    public static string? ForLink(OutputLink link, int outputCount)
    {
        ArgumentNullException.ThrowIfNull(link);
        string n = outputCount.ToString(CultureInfo.InvariantCulture);
        string sigmoid = link.Scale.ToString("R", CultureInfo.InvariantCulture);
        if (link.Function == LinkFunction.Logistic && link.Offset != 0) return null;
        if (outputCount > 1 && link.Function is not (LinkFunction.Logistic or LinkFunction.Softmax)) return null;
        return link.Function switch
        {
            LinkFunction.Logistic when outputCount == 1 => $"binary sigmoid:{sigmoid}",
            LinkFunction.Logistic => $"multiclassova num_class:{n} sigmoid:{sigmoid}",
            LinkFunction.Softmax => $"multiclass num_class:{n}",
            LinkFunction.Exp => "poisson",
            LinkFunction.SignedSquare => "regression sqrt",
            LinkFunction.Softplus => "cross_entropy_lambda",
            _ => "regression",
        };
    }
}
