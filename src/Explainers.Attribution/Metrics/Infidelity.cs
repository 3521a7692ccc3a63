using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// Infidelity (Yeh et al. 2019; Captum <c>captum.metrics.infidelity</c>): how well the attributions predict the
/// change of the target output under perturbations I of the input,
/// INFD = mean_k (Σ attr·I_k − (f(x) − f(x − I_k)))², per example. Lower is better. With
/// <see cref="InfidelityOptions.Normalize"/> the attributions are first scaled by the least-squares factor β.
/// All N·K perturbed inputs are evaluated in batches (never one model call per perturbation).
/// </summary>
public sealed class Infidelity
{
    private readonly IBatchPlanner _planner;

    /// <summary>Creates the metric.</summary>
    /// <param name="options">Options (default: 10 Gaussian perturbations, σ = 0.003, not normalized).</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public Infidelity(InfidelityOptions? options = null, IBatchPlanner? planner = null)
    {
        Options = options ?? new InfidelityOptions();
        _planner = planner ?? new BatchPlanner();
    }

    /// <summary>The options.</summary>
    public InfidelityOptions Options { get; }

    /// <summary>Computes the infidelity of <paramref name="attributions"/> for each example of <paramref name="request"/>.</summary>
    /// <param name="request">The explained request (its model must be an <see cref="Models.IPredictor"/>).</param>
    /// <param name="attributions">Attributions of the attributed input's shape.</param>
    /// <param name="perturbations">The perturbations I (default: seeded N(0, σ²)).</param>
    /// <param name="cancellationToken">Checked before every model call.</param>
    /// <returns>One value per example.</returns>
    public double[] Compute(AttributionRequest request, NdArray<float> attributions, IPerturbationSource? perturbations = null, CancellationToken cancellationToken = default)
    {
        var metric = MetricSetup.Create("infidelity", request, attributions, _planner, Options.PerturbationsPerEval, cancellationToken);
        var setup = metric.Setup;
        var source = perturbations ?? new GaussianPerturbations(Options.Stdev, Options.Seed ?? request.Seed ?? 0);
        int k = Options.Samples, len = setup.ExampleLength;
        var predicted = new double[setup.Examples * k]; // Σ attr·I per row
        var draw = new float[len];
        var outputs = metric.Evaluator.Evaluate(setup.Examples * k, j => j / k, (j, row) =>
        {
            int n = j / k;
            source.Fill(n, j % k, setup.Input.Row(n), draw);
            var a = attributions.Row(n);
            double sum = 0;
            for (int i = 0; i < len; i++)
            {
                sum += (double)a[i] * draw[i];
                row[i] -= draw[i];
            }

            predicted[j] = sum;
        }, cancellationToken);

        var result = new double[setup.Examples];
        for (int n = 0; n < setup.Examples; n++)
        {
            var aI = predicted.AsSpan(n * k, k);
            var change = new double[k];
            for (int s = 0; s < k; s++) change[s] = (double)setup.TargetAtInput[n] - outputs[(n * k) + s];
            double beta = Options.Normalize ? LeastSquaresScale(aI, change) : 1.0;
            double squared = 0;
            for (int s = 0; s < k; s++)
            {
                double error = (beta * aI[s]) - change[s];
                squared += error * error;
            }

            result[n] = squared / k;
        }

        return result;
    }

    /// <summary>β = Σ aI·Δf / Σ (aI)² (0 when every aI is 0).</summary>
    private static double LeastSquaresScale(ReadOnlySpan<double> aI, ReadOnlySpan<double> change)
    {
        double num = 0, den = 0;
        for (int s = 0; s < aI.Length; s++)
        {
            num += aI[s] * change[s];
            den += aI[s] * aI[s];
        }

        return den == 0 ? 0 : num / den;
    }
}
