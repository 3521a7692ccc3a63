namespace Interp.Explainers.Attribution.PermutationFeatureImportance;

/// <summary>The metrics of <see cref="ImportanceMetric"/> on predictions [rows, outputs] and labels.</summary>
internal static class ImportanceMetrics
{
    /// <summary>The metric's name in explanations.</summary>
    public static string Name(ImportanceMetric metric) => metric switch
    {
        ImportanceMetric.RSquared => "r_squared",
        ImportanceMetric.Rmse => "rmse",
        ImportanceMetric.Auc => "auc",
        ImportanceMetric.Accuracy => "accuracy",
        ImportanceMetric.LogLoss => "log_loss",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>Whether a larger value is better (importance = baseline − permuted) or worse (permuted − baseline).</summary>
    public static bool HigherIsBetter(ImportanceMetric metric) => metric is ImportanceMetric.RSquared or ImportanceMetric.Auc or ImportanceMetric.Accuracy;

    /// <summary>Resolves <see cref="ImportanceMetric.Auto"/> from the outputs and labels.</summary>
    public static ImportanceMetric Resolve(ImportanceMetric metric, int outputs, ReadOnlySpan<float> labels)
    {
        if (metric != ImportanceMetric.Auto) return metric;
        if (outputs > 1) return ImportanceMetric.Accuracy;
        foreach (var y in labels)
        {
            if (y != 0f && y != 1f) return ImportanceMetric.RSquared;
        }

        return ImportanceMetric.Auc;
    }

    /// <summary>The metric of <paramref name="predictions"/> (row-major [rows, outputs]) against <paramref name="labels"/>.</summary>
    public static double Compute(ImportanceMetric metric, ReadOnlySpan<float> predictions, int outputs, ReadOnlySpan<float> labels, double threshold) => metric switch
    {
        ImportanceMetric.RSquared => RSquared(predictions, labels),
        ImportanceMetric.Rmse => Math.Sqrt(MeanSquaredError(predictions, labels)),
        ImportanceMetric.Auc => Auc(predictions, labels),
        ImportanceMetric.Accuracy => Accuracy(predictions, outputs, labels, threshold),
        ImportanceMetric.LogLoss => LogLoss(predictions, outputs, labels),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    private static double MeanSquaredError(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int r = 0; r < y.Length; r++) sum += ((double)p[r] - y[r]) * ((double)p[r] - y[r]);
        return sum / y.Length;
    }

    private static double RSquared(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        double mean = 0;
        foreach (var v in y) mean += v;
        mean /= y.Length;
        double total = 0;
        foreach (var v in y) total += (v - mean) * (v - mean);
        return 1 - MeanSquaredError(p, y) * y.Length / total;
    }

    /// <summary>AUC as the Mann–Whitney statistic with average ranks for ties.</summary>
    private static double Auc(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        var order = new int[y.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var scores = p[..y.Length].ToArray();
        Array.Sort(scores.ToArray(), order);
        double positiveRanks = 0;
        long positives = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
            {
                if (y[order[k]] > 0.5f)
                {
                    positiveRanks += rank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = y.Length - positives;
        if (positives == 0 || negatives == 0) throw new InterpException("AUC needs both positive and negative labels.");
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    private static double Accuracy(ReadOnlySpan<float> p, int outputs, ReadOnlySpan<float> y, double threshold)
    {
        int correct = 0;
        for (int r = 0; r < y.Length; r++)
        {
            int predicted = outputs == 1 ? (p[r] > threshold ? 1 : 0) : ArgMax(p.Slice(r * outputs, outputs));
            if (predicted == (int)y[r]) correct++;
        }

        return (double)correct / y.Length;
    }

    private static double LogLoss(ReadOnlySpan<float> p, int outputs, ReadOnlySpan<float> y)
    {
        const double eps = 1e-15;
        double sum = 0;
        var probabilities = new double[Math.Max(outputs, 2)];
        for (int r = 0; r < y.Length; r++)
        {
            double q;
            if (outputs == 1)
            {
                q = y[r] > 0.5f ? p[r] : 1 - p[r];
            }
            else
            {
                Probabilities(p.Slice(r * outputs, outputs), probabilities);
                q = probabilities[(int)y[r]];
            }

            sum -= Math.Log(Math.Clamp(q, eps, 1));
        }

        return sum / y.Length;
    }

    private static void Probabilities(ReadOnlySpan<float> scores, double[] into)
    {
        double total = 0;
        bool probabilities = true;
        foreach (var s in scores)
        {
            total += s;
            probabilities &= s >= 0;
        }

        probabilities &= Math.Abs(total - 1) < 1e-3;
        if (probabilities)
        {
            for (int k = 0; k < scores.Length; k++) into[k] = scores[k];
            return;
        }

        double max = double.NegativeInfinity;
        foreach (var s in scores) max = Math.Max(max, s);
        double sum = 0;
        for (int k = 0; k < scores.Length; k++) sum += into[k] = Math.Exp(scores[k] - max);
        for (int k = 0; k < scores.Length; k++) into[k] /= sum;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best]) best = k;
        }

        return best;
    }
}
