using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Gradients;

/// <summary>
/// The path integral shared by Integrated Gradients and its relatives: for every example n and baseline j,
/// Σ_k w_k ∇f(b_j + α_k (x_n − b_j)), optionally times (x_n − b_j), averaged over the baselines; plus f at the
/// baselines for the convergence delta.
/// </summary>
internal static class PathIntegral
{
    public static (float[] Attributions, double[] Delta) Run(
        AttributionSetup setup, BaselineSet baselines, GradientBatches batches, PerturbationEvaluator forward,
        double[] alphas, double[] weights, bool multiplyByInputs, CancellationToken cancellationToken)
    {
        int n = setup.Examples, b = baselines.PerExample, steps = alphas.Length, len = setup.ExampleLength;
        var sums = new double[n * b * len];
        batches.Run(
            n * b * steps,
            k => k / (b * steps),
            (k, row) =>
            {
                int pair = k / steps;
                double alpha = alphas[k % steps];
                var x = setup.Input.Row(pair / b);
                var baseline = baselines.Get(pair / b, pair % b);
                for (int i = 0; i < len; i++) row[i] = (float)(baseline[i] + (alpha * (x[i] - baseline[i])));
            },
            (k, gradient, _) =>
            {
                int pair = k / steps;
                double w = weights[k % steps];
                var sum = sums.AsSpan(pair * len, len);
                for (int i = 0; i < len; i++) sum[i] += w * gradient[i];
            },
            cancellationToken);

        var atBaselines = forward.Evaluate(n * b, k => k / b, (k, row) => baselines.Get(k / b, k % b).CopyTo(row), cancellationToken);
        var attributions = new float[n * len];
        var delta = new double[n];
        for (int pair = 0; pair < n * b; pair++)
        {
            int e = pair / b;
            var x = setup.Input.Row(e);
            var baseline = baselines.Get(e, pair % b);
            double total = 0;
            for (int i = 0; i < len; i++)
            {
                double a = sums[(pair * len) + i] * (multiplyByInputs ? x[i] - baseline[i] : 1.0);
                attributions[(e * len) + i] += (float)(a / b);
                total += a;
            }

            delta[e] += (total - (setup.TargetAtInput[e] - atBaselines[pair])) / b;
        }

        return (attributions, delta);
    }
}
