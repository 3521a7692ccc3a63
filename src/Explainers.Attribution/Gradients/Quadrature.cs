namespace Interp.Explainers.Attribution.Gradients;

/// <summary>
/// Integration rules for path methods: nodes α ∈ [0, 1] and weights (Captum's <c>approximation_methods</c>).
/// Captum's <c>riemann_trapezoid</c> halves the end weights of 1/n, so its weights sum to (n − 1)/n; the textbook
/// trapezoid (<see cref="IntegrationRule.Trapezoid"/>) uses 1/(n − 1) and sums to 1.
/// </summary>
public static class Quadrature
{
    /// <summary>Nodes and weights of <paramref name="rule"/> with <paramref name="steps"/> points.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="steps">Number of points (≥ 1; ≥ 2 for the trapezoids).</param>
    public static (double[] Alphas, double[] Weights) Get(IntegrationRule rule, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var alphas = new double[steps];
        var weights = new double[steps];
        switch (rule)
        {
            case IntegrationRule.GaussLegendre:
                return GaussLegendre(steps);
            case IntegrationRule.RiemannLeft:
            case IntegrationRule.RiemannRight:
            case IntegrationRule.RiemannMiddle:
                for (int k = 0; k < steps; k++)
                {
                    alphas[k] = rule switch
                    {
                        IntegrationRule.RiemannLeft => Linspace(0, 1 - (1.0 / steps), steps, k),
                        IntegrationRule.RiemannRight => Linspace(1.0 / steps, 1, steps, k),
                        _ => Linspace(1.0 / (2 * steps), 1 - (1.0 / (2 * steps)), steps, k),
                    };
                    weights[k] = 1.0 / steps;
                }

                return (alphas, weights);
            case IntegrationRule.RiemannTrapezoid:
            case IntegrationRule.Trapezoid:
                ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
                double w = rule == IntegrationRule.Trapezoid ? 1.0 / (steps - 1) : 1.0 / steps;
                for (int k = 0; k < steps; k++)
                {
                    alphas[k] = Linspace(0, 1, steps, k);
                    weights[k] = w;
                }

                weights[0] /= 2;
                weights[^1] /= 2;
                return (alphas, weights);
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown integration rule.");
        }
    }

    private static double Linspace(double start, double end, int count, int k) =>
        count == 1 ? start : start + ((end - start) * k / (count - 1));

    /// <summary>Gauss–Legendre nodes on [−1, 1] by Newton's method on P_n, mapped to [0, 1] (numpy's leggauss, then 0.5·(x + 1), 0.5·w).</summary>
    private static (double[] Alphas, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (int k = 2; k <= n; k++)
                {
                    double p2 = (((2 * k) - 1) * x * p1 - ((k - 1) * p0)) / k;
                    p0 = p1;
                    p1 = p2;
                }

                double pn = n == 1 ? x : p1;
                double pnm1 = n == 1 ? 1 : p0;
                derivative = n * ((x * pn) - pnm1) / ((x * x) - 1);
                double dx = pn / derivative;
                x -= dx;
                if (Math.Abs(dx) < 1e-16) break;
            }

            nodes[i] = x;
            weights[i] = 2 / ((1 - (x * x)) * derivative * derivative);
        }

        // Ascending order, like numpy.
        var order = Enumerable.Range(0, n).OrderBy(i => nodes[i]).ToArray();
        return (order.Select(i => 0.5 * (nodes[i] + 1)).ToArray(), order.Select(i => 0.5 * weights[i]).ToArray());
    }
}
