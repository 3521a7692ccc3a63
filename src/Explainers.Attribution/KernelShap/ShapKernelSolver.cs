namespace Interp.Explainers.Attribution.KernelShap;

/// <summary>
/// shap's Kernel SHAP regression: minimise Σₖ wₖ(v(Sₖ) − v(∅) − Σᵢ zₖᵢφᵢ)² subject to Σφ = f(x) − v(∅). The constraint
/// is eliminated exactly by writing φ_last = Δ − Σ_{i&lt;last} φᵢ; the reduced weighted normal equations (no intercept)
/// are solved by Cholesky factorisation in double precision, with a ridge of 1e-12 × the mean diagonal so a
/// rank-deficient sample still gives an answer.
/// </summary>
internal static class ShapKernelSolver
{
    /// <summary>φ per player.</summary>
    /// <param name="coalitions">The weighted coalitions.</param>
    /// <param name="values">v of each coalition.</param>
    /// <param name="empty">v(∅).</param>
    /// <param name="full">f(x).</param>
    public static double[] Solve(WeightedCoalitions coalitions, ReadOnlySpan<double> values, double empty, double full)
    {
        int m = coalitions.Players;
        double delta = full - empty;
        if (m == 1) return [delta];
        int last = m - 1;
        var weights = coalitions.Weights;
        var a = new double[last, last];
        var b = new double[last];
        var e = new double[last];
        for (int k = 0; k < coalitions.Count; k++)
        {
            double zl = coalitions.Holds(k, last) ? 1 : 0;
            double y = values[k] - empty - zl * delta;
            for (int i = 0; i < last; i++) e[i] = (coalitions.Holds(k, i) ? 1 : 0) - zl;
            for (int i = 0; i < last; i++)
            {
                if (e[i] == 0) continue;
                double we = weights[k] * e[i];
                b[i] += we * y;
                for (int j = 0; j < last; j++) a[i, j] += we * e[j];
            }
        }

        var phi = Cholesky(a, b);
        Array.Resize(ref phi, m);
        phi[last] = delta - phi.Take(last).Sum();
        return phi;
    }

    private static double[] Cholesky(double[,] a, double[] b)
    {
        int n = b.Length;
        double ridge = 0;
        for (int i = 0; i < n; i++) ridge += a[i, i];
        ridge = Math.Max(ridge / n, 1e-300) * 1e-12;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j] + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[j, j];
            }
        }

        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }

        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }

        return x;
    }
}
