using Interp.Explainers;
using Interp.Explainers.Models;
using Microsoft.ML;

namespace Interp.Backends.MLNet;

/// <summary>
/// Checks per-class trees read from ML.NET's ONNX export against ML.NET's own Score column on probe rows that take each
/// feature to both sides of its thresholds (and 0, 1, NaN): the export writes categorical splits as numeric ones, so
/// only a check can tell whether it is faithful.
/// </summary>
internal static class MulticlassCheck
{
    /// <summary>Leaf values travel as float32 through ONNX.</summary>
    public const double Tolerance = 1e-5;

    public static void AgainstScores(MLContext ml, ISingleFeaturePredictionTransformer<object> predictor, TreeEnsemble ensemble, MulticlassFormula formula)
    {
        int f = ensemble.FeatureCount;
        int k = ensemble.OutputCount;
        var candidates = Enumerable.Range(0, f).Select(_ => new List<float> { 0, 1, float.NaN }).ToArray();
        foreach (var tree in ensemble.Trees)
        {
            for (int n = 0; n < tree.NodeCount; n++)
            {
                float t = (float)tree.Threshold[n];
                candidates[tree.SplitFeature[n]].Add(t);
                candidates[tree.SplitFeature[n]].Add(MathF.BitIncrement(t));
            }
        }

        const int Rows = 256;
        var rng = new Random(17);
        var rows = new float[Rows * f];
        for (int i = 0; i < rows.Length; i++) rows[i] = candidates[i % f][rng.Next(candidates[i % f].Count)];
        var scored = predictor.Transform(ColumnarDataView.Vectors(predictor.FeatureColumnName, rows, f));
        var expected = MLNetColumns.Read(scored, "Score", k);
        var raw = new double[k];
        var ours = new double[k];
        var row = new double[f];
        double worst = 0;
        for (int r = 0; r < Rows; r++)
        {
            for (int j = 0; j < f; j++) row[j] = rows[(r * f) + j];
            ensemble.PredictRaw(row, raw);
            formula.Apply(raw, ours);
            for (int c = 0; c < k; c++) worst = Math.Max(worst, Math.Abs(expected[(r * k) + c] - ours[c]));
        }

        if (!(worst <= Tolerance))
        {
            throw new InterpException(
                $"The per-class trees from ML.NET's ONNX export do not reproduce the model's scores (max difference {worst:G3} > {Tolerance}); ML.NET exports categorical splits (CategoricalSplit) as numeric ones: retrain without them to explain this multiclass model as trees.");
        }
    }
}
