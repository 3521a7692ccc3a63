namespace Interp.Explainers.Attribution.KernelShap;

/// <summary>
/// Captum's KernelShap draws for one example: the all-ones and the all-zeros coalitions first (weight 1e6, which
/// nearly pins the fit to f(x) and v(∅)), then coalitions whose size k ∈ 1..M−1 is drawn with probability
/// ∝ (M−1)/(k(M−k)) and whose members are a uniformly random subset of that size (weight 1).
/// </summary>
internal static class CaptumKernelSampler
{
    /// <summary>The weight of the all-ones and all-zeros coalitions.</summary>
    public const double AnchorWeight = 1e6;

    /// <summary>The coalitions for one example.</summary>
    /// <param name="players">M.</param>
    /// <param name="samples">Number of coalitions (the first two are the anchors).</param>
    /// <param name="random">The example's generator.</param>
    public static WeightedCoalitions Plan(int players, int samples, Random random)
    {
        int m = players;
        var coalitions = new WeightedCoalitions(m);
        var members = new bool[m];
        var probability = new double[m];
        for (int k = 1; k < m; k++) probability[k] = (m - 1.0) / (k * (double)(m - k));
        double total = probability.Sum();
        for (int s = 0; s < samples; s++)
        {
            int size = s switch
            {
                0 => m,
                1 => 0,
                _ when m == 1 => random.Next(2),
                _ => DrawSize(probability, total, random),
            };
            Array.Clear(members);
            foreach (var p in Enumerable.Range(0, m).OrderBy(_ => random.Next()).Take(size)) members[p] = true;
            coalitions.Add(members, size == 0 || size == m ? AnchorWeight : 1.0);
        }

        return coalitions;
    }

    /// <summary>
    /// Captum's fit: weighted least squares with an intercept of the values on the 0/1 coalitions (its
    /// <c>SkLearnLinearRegression</c>); the coefficients are the attributions.
    /// </summary>
    /// <param name="members">Row-major [count × players] 0/1 coalitions.</param>
    /// <param name="players">M.</param>
    /// <param name="values">v of each coalition.</param>
    /// <param name="weights">Weight of each coalition.</param>
    public static double[] Fit(ReadOnlySpan<float> members, int players, ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        var x = new double[members.Length];
        for (int i = 0; i < x.Length; i++) x[i] = members[i];
        return Toolkit.Numerics.WeightedLasso.Fit(x, players, values, weights, alpha: 0).Coefficients;
    }

    private static int DrawSize(double[] probability, double total, Random random)
    {
        double u = random.NextDouble() * total;
        int k = 1;
        while (k < probability.Length - 1 && u >= probability[k])
        {
            u -= probability[k];
            k++;
        }

        return k;
    }
}
