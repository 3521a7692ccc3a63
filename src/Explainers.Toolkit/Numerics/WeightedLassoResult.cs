namespace Interp.Explainers.Toolkit.Numerics;

/// <summary>The solution of a <see cref="WeightedLasso"/> fit.</summary>
/// <param name="Coefficients">β, one per feature (column of the design).</param>
/// <param name="Intercept">b, the fitted intercept (weighted mean of y minus the weighted means of the columns times β).</param>
/// <param name="Iterations">
/// Coordinate-descent sweeps over all coefficients; 1 for the direct least-squares solve used when α = 0.
/// </param>
/// <param name="Converged">
/// True when the stopping rule was met within the allowed sweeps (always true for the direct α = 0 solve).
/// </param>
public sealed record WeightedLassoResult(double[] Coefficients, double Intercept, int Iterations, bool Converged);
