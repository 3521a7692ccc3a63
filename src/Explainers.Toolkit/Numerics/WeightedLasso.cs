namespace Interp.Explainers.Toolkit.Numerics;

/// <summary>
/// Weighted Lasso with an intercept, in double precision. It minimises
/// <c>(1 / (2·Σw))·Σᵢ wᵢ(yᵢ − b − zᵢ·β)² + α‖β‖₁</c>, the objective of scikit-learn's <c>Lasso</c> fitted with
/// <c>sample_weight</c>. With α = 0 it is ordinary weighted least squares (LIME's "linear" surrogate).
/// </summary>
/// <remarks>
/// <para>
/// The intercept is handled by centring: the columns of the design and y are centred on their weighted means, the
/// problem without intercept is solved on the centred data, and b = ȳ − x̄·β. Columns that are constant over the
/// rows with positive weight (weighted variance ≤ 1e-12 of their weighted second moment) get β = 0.
/// </para>
/// <para>
/// α &gt; 0: cyclic coordinate descent with soft thresholding, starting from β = 0. After a sweep whose largest
/// coefficient change is at most <c>tolerance·max|β|</c>, the residual is recomputed from scratch and the duality
/// gap is evaluated; the fit has converged when that gap is at most <c>(tolerance + 1e-14)·Σ(w/Σw)(y − ȳ)²</c> (the 1e-14
/// covers rounding). Both tests must pass, so the coefficients are stationary and provably near the optimum.
/// </para>
/// <para>
/// α = 0: the weighted normal equations of the centred design are solved directly by Cholesky factorisation with
/// two steps of iterative refinement. When the design is singular (fewer rows than features, or collinear
/// columns) a tiny ridge, 1e-10 times the mean diagonal of the Gram matrix, is added, which picks (very nearly)
/// the minimum-norm least-squares solution, as <c>numpy.linalg.lstsq</c> would. The result then reports one
/// iteration and <see cref="WeightedLassoResult.Converged"/> = true.
/// </para>
/// </remarks>
public static class WeightedLasso
{
    /// <summary>Default relative tolerance of the stopping rule.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <summary>Default limit on coordinate-descent sweeps.</summary>
    public const int DefaultMaxSweeps = 100_000;

    private const double ConstantColumnRatio = 1e-12;
    private const double RidgeRatio = 1e-10;

    /// <summary>Fits the weighted Lasso on a row-major design.</summary>
    /// <param name="x">The design, row-major: <c>rows × features</c> values, row i = zᵢ.</param>
    /// <param name="features">Number of features (columns), at least 1.</param>
    /// <param name="y">Targets, one per row.</param>
    /// <param name="weights">Non-negative sample weights, one per row, with a positive sum; empty = all 1.</param>
    /// <param name="alpha">The L1 penalty α ≥ 0; 0 gives weighted least squares.</param>
    /// <param name="tolerance">Relative tolerance of the stopping rule (see the remarks of <see cref="WeightedLasso"/>).</param>
    /// <param name="maxSweeps">Most coordinate-descent sweeps before giving up (then <c>Converged</c> is false).</param>
    /// <returns>Coefficients, intercept, sweeps used and whether the stopping rule was met.</returns>
    /// <exception cref="ArgumentException">Sizes disagree, a value is not finite, a weight is negative or all are 0.</exception>
    public static WeightedLassoResult Fit(
        ReadOnlySpan<double> x,
        int features,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> weights,
        double alpha,
        double tolerance = DefaultTolerance,
        int maxSweeps = DefaultMaxSweeps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSweeps, 1);
        if (!double.IsFinite(alpha) || alpha < 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite and >= 0.");
        if (!double.IsFinite(tolerance) || tolerance < 0) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be finite and >= 0.");
        int rows = y.Length;
        if (rows == 0) throw new ArgumentException("At least one row is needed.", nameof(y));
        if (x.Length != (long)rows * features)
        {
            throw new ArgumentException($"The design has {x.Length} values; expected {rows} rows × {features} features = {(long)rows * features}.", nameof(x));
        }

        if (!weights.IsEmpty && weights.Length != rows)
        {
            throw new ArgumentException($"{weights.Length} weights for {rows} rows.", nameof(weights));
        }

        // Normalised weights v = w / Σw.
        var v = new double[rows];
        double weightSum = 0;
        for (int i = 0; i < rows; i++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[i];
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"weights[{i}] = {w}; weights must be finite and >= 0.", nameof(weights));
            v[i] = w;
            weightSum += w;
        }

        if (!(weightSum > 0) || !double.IsFinite(weightSum)) throw new ArgumentException("The weights must have a positive, finite sum.", nameof(weights));
        for (int i = 0; i < rows; i++) v[i] /= weightSum;

        foreach (var value in x)
        {
            if (!double.IsFinite(value)) throw new ArgumentException("The design contains a non-finite value.", nameof(x));
        }

        foreach (var value in y)
        {
            if (!double.IsFinite(value)) throw new ArgumentException("y contains a non-finite value.", nameof(y));
        }

        // Weighted means, then the centred design stored column-major and the centred targets.
        double yMean = 0;
        for (int i = 0; i < rows; i++) yMean += v[i] * y[i];
        var yc = new double[rows];
        double yNorm2 = 0;
        for (int i = 0; i < rows; i++)
        {
            yc[i] = y[i] - yMean;
            yNorm2 += v[i] * yc[i] * yc[i];
        }

        var xMean = new double[features];
        var xc = new double[(long)rows * features];
        var norm2 = new double[features];
        var active = new bool[features];
        for (int j = 0; j < features; j++)
        {
            double mean = 0, second = 0;
            for (int i = 0; i < rows; i++)
            {
                double value = x[i * features + j];
                mean += v[i] * value;
                second += v[i] * value * value;
            }

            xMean[j] = mean;
            double centred2 = 0;
            var column = xc.AsSpan(j * rows, rows);
            for (int i = 0; i < rows; i++)
            {
                column[i] = x[i * features + j] - mean;
                centred2 += v[i] * column[i] * column[i];
            }

            norm2[j] = centred2;
            active[j] = centred2 > ConstantColumnRatio * second && centred2 > 0;
        }

        var beta = new double[features];
        int iterations;
        bool converged;
        if (alpha == 0)
        {
            SolveLeastSquares(xc, rows, features, v, yc, active, beta);
            iterations = 1;
            converged = true;
        }
        else
        {
            (iterations, converged) = CoordinateDescent(xc, rows, features, v, yc, yNorm2, norm2, active, alpha, tolerance, maxSweeps, beta);
        }

        double intercept = yMean;
        for (int j = 0; j < features; j++) intercept -= xMean[j] * beta[j];
        return new WeightedLassoResult(beta, intercept, iterations, converged);
    }

    /// <summary>Fits the weighted Lasso on a design given as rows.</summary>
    /// <param name="x">The design: one array per row, all of the same length (the number of features).</param>
    /// <param name="y">Targets, one per row.</param>
    /// <param name="weights">Non-negative sample weights, one per row; null = all 1.</param>
    /// <param name="alpha">The L1 penalty α ≥ 0; 0 gives weighted least squares.</param>
    /// <param name="tolerance">Relative tolerance of the stopping rule.</param>
    /// <param name="maxSweeps">Most coordinate-descent sweeps.</param>
    /// <returns>Coefficients, intercept, sweeps used and whether the stopping rule was met.</returns>
    /// <exception cref="ArgumentException">Rows of different lengths, or see the row-major overload.</exception>
    public static WeightedLassoResult Fit(
        IReadOnlyList<double[]> x,
        IReadOnlyList<double> y,
        IReadOnlyList<double>? weights,
        double alpha,
        double tolerance = DefaultTolerance,
        int maxSweeps = DefaultMaxSweeps)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0) throw new ArgumentException("At least one row is needed.", nameof(x));
        int features = x[0].Length;
        var flat = new double[(long)x.Count * features];
        for (int i = 0; i < x.Count; i++)
        {
            if (x[i].Length != features) throw new ArgumentException($"Row {i} has {x[i].Length} values; row 0 has {features}.", nameof(x));
            x[i].CopyTo(flat, (long)i * features);
        }

        return Fit(flat, features, y.ToArray(), weights?.ToArray() ?? [], alpha, tolerance, maxSweeps);
    }

    private static (int Iterations, bool Converged) CoordinateDescent(
        double[] xc, int rows, int features, double[] v, double[] yc, double yNorm2, double[] norm2, bool[] active,
        double alpha, double tolerance, int maxSweeps, double[] beta)
    {
        var residual = (double[])yc.Clone();
        double gapTolerance = (tolerance + 1e-14) * yNorm2;
        for (int sweep = 1; sweep <= maxSweeps; sweep++)
        {
            double maxChange = 0, maxCoefficient = 0;
            for (int j = 0; j < features; j++)
            {
                if (!active[j]) continue;
                var column = xc.AsSpan(j * rows, rows);
                double old = beta[j];
                double rho = Dot(column, v, residual) + norm2[j] * old;
                double updated = SoftThreshold(rho, alpha) / norm2[j];
                double change = updated - old;
                if (change != 0)
                {
                    for (int i = 0; i < rows; i++) residual[i] -= column[i] * change;
                    beta[j] = updated;
                }

                maxChange = Math.Max(maxChange, Math.Abs(change));
                maxCoefficient = Math.Max(maxCoefficient, Math.Abs(updated));
            }

            if (maxChange > tolerance * maxCoefficient) continue;

            // Stationary to the tolerance: recompute the residual without accumulated rounding, then check the gap.
            Array.Copy(yc, residual, rows);
            for (int j = 0; j < features; j++)
            {
                if (beta[j] == 0) continue;
                var column = xc.AsSpan(j * rows, rows);
                for (int i = 0; i < rows; i++) residual[i] -= column[i] * beta[j];
            }

            if (DualityGap(xc, rows, features, v, yc, active, alpha, beta, residual) <= gapTolerance) return (sweep, true);
        }

        return (maxSweeps, false);
    }

    /// <summary>
    /// Duality gap of ½Σv(yc − Xcβ)² + α‖β‖₁ at β, with the dual point θ = c·r scaled into the feasible set
    /// ‖Xcᵀ V θ‖∞ ≤ α: gap = ½‖r‖²(1 + c²) + α‖β‖₁ − c·⟨r, yc⟩ (inner products weighted by v).
    /// </summary>
    private static double DualityGap(double[] xc, int rows, int features, double[] v, double[] yc, bool[] active, double alpha, double[] beta, double[] residual)
    {
        double dualNorm = 0, l1 = 0;
        for (int j = 0; j < features; j++)
        {
            l1 += Math.Abs(beta[j]);
            if (!active[j]) continue;
            dualNorm = Math.Max(dualNorm, Math.Abs(Dot(xc.AsSpan(j * rows, rows), v, residual)));
        }

        double scale = dualNorm > alpha ? alpha / dualNorm : 1.0;
        double rNorm2 = 0, rY = 0;
        for (int i = 0; i < rows; i++)
        {
            rNorm2 += v[i] * residual[i] * residual[i];
            rY += v[i] * residual[i] * yc[i];
        }

        double gap = 0.5 * rNorm2 * (1 + scale * scale) + alpha * l1 - scale * rY;
        return Math.Max(gap, 0);
    }

    /// <summary>Weighted least squares on the active columns: Cholesky of the Gram matrix, ridge fallback, refinement.</summary>
    private static void SolveLeastSquares(double[] xc, int rows, int features, double[] v, double[] yc, bool[] active, double[] beta)
    {
        var index = Enumerable.Range(0, features).Where(j => active[j]).ToArray();
        int p = index.Length;
        if (p == 0) return;

        var gram = new double[p * p];
        var rhs = new double[p];
        for (int a = 0; a < p; a++)
        {
            var ca = xc.AsSpan(index[a] * rows, rows);
            rhs[a] = Dot(ca, v, yc);
            for (int b = 0; b <= a; b++)
            {
                double g = Dot(ca, v, xc.AsSpan(index[b] * rows, rows));
                gram[a * p + b] = g;
                gram[b * p + a] = g;
            }
        }

        double ridge = 0;
        var factor = Cholesky(gram, p, 0);
        if (factor is null)
        {
            double trace = 0;
            for (int a = 0; a < p; a++) trace += gram[a * p + a];
            ridge = RidgeRatio * trace / p;
            factor = Cholesky(gram, p, ridge)
                ?? throw new InvalidOperationException("The ridge-regularised Gram matrix is not positive definite.");
        }

        var solution = CholeskySolve(factor, p, rhs);
        for (int step = 0; step < 2; step++)
        {
            var correction = new double[p];
            for (int a = 0; a < p; a++)
            {
                double s = rhs[a] - ridge * solution[a];
                for (int b = 0; b < p; b++) s -= gram[a * p + b] * solution[b];
                correction[a] = s;
            }

            var delta = CholeskySolve(factor, p, correction);
            for (int a = 0; a < p; a++) solution[a] += delta[a];
        }

        for (int a = 0; a < p; a++) beta[index[a]] = solution[a];
    }

    /// <summary>Lower Cholesky factor of gram + ridge·I, or null when a pivot is not clearly positive.</summary>
    private static double[]? Cholesky(double[] gram, int p, double ridge)
    {
        double maxDiagonal = 0;
        for (int a = 0; a < p; a++) maxDiagonal = Math.Max(maxDiagonal, gram[a * p + a] + ridge);
        double pivotFloor = 1e-13 * maxDiagonal;
        var l = new double[p * p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double s = gram[a * p + b] + (a == b ? ridge : 0);
                for (int k = 0; k < b; k++) s -= l[a * p + k] * l[b * p + k];
                if (a == b)
                {
                    if (!(s > pivotFloor)) return null;
                    l[a * p + a] = Math.Sqrt(s);
                }
                else
                {
                    l[a * p + b] = s / l[b * p + b];
                }
            }
        }

        return l;
    }

    private static double[] CholeskySolve(double[] l, int p, double[] rhs)
    {
        var z = new double[p];
        for (int a = 0; a < p; a++)
        {
            double s = rhs[a];
            for (int k = 0; k < a; k++) s -= l[a * p + k] * z[k];
            z[a] = s / l[a * p + a];
        }

        var x = new double[p];
        for (int a = p - 1; a >= 0; a--)
        {
            double s = z[a];
            for (int k = a + 1; k < p; k++) s -= l[k * p + a] * x[k];
            x[a] = s / l[a * p + a];
        }

        return x;
    }

    private static double Dot(ReadOnlySpan<double> column, double[] v, ReadOnlySpan<double> other)
    {
        double s = 0;
        for (int i = 0; i < column.Length; i++) s += v[i] * column[i] * other[i];
        return s;
    }

    private static double SoftThreshold(double value, double threshold) =>
        value > threshold ? value - threshold : value < -threshold ? value + threshold : 0.0;
}
