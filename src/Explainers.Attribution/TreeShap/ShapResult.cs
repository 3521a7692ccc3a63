using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>Builds a <see cref="ShapExplanation"/> with stable shapes (class axis only for multiclass) and its global summary.</summary>
internal static class ShapResult
{
    public static ShapExplanation Build(IExplainer explainer, ShapRequest request, TreeShapPlayers players, int outputs, double[] baseValues, double[] phi, double[]? interactions, string perturbation, string space)
    {
        int rows = request.Data.Shape[0], p = players.Count;
        bool multi = outputs > 1;
        var explanation = new ShapExplanation
        {
            Method = explainer.Name,
            Level = explainer.Level,
            Options = explainer.Options,
            Model = request.Model.Source,
            Labels = new ExplanationLabels { FeatureNames = players.Names, OutputNames = request.OutputNames },
            FeatureNames = players.Names,
            BaseValues = multi ? new NdArray<double>(baseValues, rows, outputs) : new NdArray<double>(baseValues, rows),
            ShapValues = multi ? new NdArray<double>(phi, rows, outputs, p) : new NdArray<double>(phi, rows, p),
            InteractionValues = interactions is null ? null : multi ? new NdArray<double>(interactions, rows, outputs, p, p) : new NdArray<double>(interactions, rows, p, p),
            FeaturePerturbation = perturbation,
            OutputSpace = space,
            Global = ((TreeShapOptions)explainer.Options).Global ? ShapGlobal.Summarize(request.Data, players, outputs, phi, interactions) : null,
        };
        explanation.Quality["efficiency_gap"] = EfficiencyGaps(request, outputs, p, baseValues, phi, space);
        return explanation;
    }

    /// <summary>Per row, max over outputs of |Σφ + base − model output| in the values' space.</summary>
    private static double[] EfficiencyGaps(ShapRequest request, int outputs, int p, double[] baseValues, double[] phi, string space)
    {
        var ensemble = ((ITreeEnsembleModel)request.Model).Ensemble;
        int rows = request.Data.Shape[0], f = ensemble.FeatureCount;
        var gaps = new double[rows];
        var score = new double[outputs];
        for (int r = 0; r < rows; r++)
        {
            var row = request.Data.Data.AsSpan(r * f, f);
            if (space == "probability") ensemble.Predict(row, score);
            else ensemble.PredictRaw(row, score);
            for (int k = 0; k < outputs; k++)
            {
                double sum = baseValues[(r * outputs) + k];
                for (int j = 0; j < p; j++) sum += phi[(((r * outputs) + k) * p) + j];
                gaps[r] = Math.Max(gaps[r], Math.Abs(sum - score[k]));
            }
        }

        return gaps;
    }
}
