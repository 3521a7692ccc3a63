using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.TreeShap;

/// <summary>
/// Global summaries of SHAP values: mean |SHAP| per output and player, the players' values per row (the x axis of a
/// dependence plot; a grouped one-hot column's value is the position of its hot slot), and per player the player it
/// interacts with most — by mean |interaction value| when computed, else by |correlation| of its SHAP values with the
/// other player's values.
/// </summary>
internal static class ShapGlobal
{
    public static ShapGlobalSummary Summarize(NdArray<double> data, TreeShapPlayers players, int outputs, double[] phi, double[]? interactions)
    {
        int rows = data.Shape[0], p = players.Count;
        var mean = new double[outputs * p];
        for (int r = 0; r < rows; r++) for (int i = 0; i < outputs * p; i++) mean[i] += Math.Abs(phi[(r * outputs * p) + i]) / rows;
        var values = PlayerValues(data, players);
        var strongest = new int[p];
        for (int i = 0; i < p; i++)
        {
            int best = -1;
            double bestScore = 0;
            for (int j = 0; j < p; j++)
            {
                if (j == i) continue;
                double score = interactions is null ? Correlation(phi, values, rows, outputs, p, i, j) : MeanAbsInteraction(interactions, rows, outputs, p, i, j);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = j;
                }
            }

            strongest[i] = best;
        }

        return new ShapGlobalSummary
        {
            MeanAbsShap = outputs > 1 ? new NdArray<double>(mean, outputs, p) : new NdArray<double>(mean, p),
            StrongestInteraction = strongest,
            FeatureValues = new NdArray<double>(values, rows, p),
        };
    }

    private static double[] PlayerValues(NdArray<double> data, TreeShapPlayers players)
    {
        int rows = data.Shape[0], f = data.Shape[1], p = players.Count;
        var values = new double[rows * p];
        Array.Fill(values, double.NaN);
        var seen = new int[p];
        for (int j = 0; j < f; j++)
        {
            int player = players.FeaturePlayer[j];
            bool grouped = players.FeaturePlayer.Count(q => q == player) > 1;
            for (int r = 0; r < rows; r++)
            {
                double x = data.Data[(r * f) + j];
                if (!grouped) values[(r * p) + player] = x;
                else if (x > 0 && double.IsNaN(values[(r * p) + player])) values[(r * p) + player] = seen[player];
            }

            seen[player]++;
        }

        return values;
    }

    private static double MeanAbsInteraction(double[] interactions, int rows, int outputs, int p, int i, int j)
    {
        double sum = 0;
        for (int r = 0; r < rows; r++) for (int k = 0; k < outputs; k++) sum += Math.Abs(interactions[((((r * outputs) + k) * p) + i) * p + j]);
        return sum / rows;
    }

    private static double Correlation(double[] phi, double[] values, int rows, int outputs, int p, int i, int j)
    {
        double best = 0;
        for (int k = 0; k < outputs; k++)
        {
            double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int r = 0; r < rows; r++)
            {
                double x = values[(r * p) + j], y = phi[(((r * outputs) + k) * p) + i];
                if (double.IsNaN(x)) continue;
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
            }

            double vx = (sxx * n) - (sx * sx), vy = (syy * n) - (sy * sy);
            if (n < 2 || vx <= 0 || vy <= 0) continue;
            best = Math.Max(best, Math.Abs(((sxy * n) - (sx * sy)) / Math.Sqrt(vx * vy)));
        }

        return best;
    }
}
