using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;

namespace Interp.Explainers.Attribution.Metrics;

/// <summary>
/// Max-sensitivity (Yeh et al. 2019; Captum <c>captum.metrics.sensitivity_max</c>): how much an explanation S changes
/// under small input perturbations, max_k ‖S(x) − S(x + d_k)‖_F / ‖S(x)‖_F per example (the denominator is 1 where
/// ‖S(x)‖ = 0). Lower is more stable. The explainer runs once, on one request holding all N·K perturbed examples
/// (plus the N originals when S(x) is not given); it plans its own model batches.
/// </summary>
public sealed class SensitivityMax
{
    /// <summary>Creates the metric.</summary>
    /// <param name="options">Options (default: 10 uniform perturbations of radius 0.02).</param>
    public SensitivityMax(SensitivityMaxOptions? options = null) => Options = options ?? new SensitivityMaxOptions();

    /// <summary>The options.</summary>
    public SensitivityMaxOptions Options { get; }

    /// <summary>Computes the max-sensitivity of <paramref name="explainer"/> at each example of <paramref name="request"/>.</summary>
    /// <param name="explainer">The explanation function S (an attribution explainer).</param>
    /// <param name="request">The explained request.</param>
    /// <param name="attributionsAtInput">S(x) when already known (e.g. the explanation being evaluated); null runs S on x too.</param>
    /// <param name="perturbations">The perturbations d (default: seeded U(−r, r)).</param>
    /// <param name="cancellationToken">Passed to the explainer.</param>
    /// <returns>One value per example.</returns>
    public async Task<double[]> ComputeAsync(IExplainer explainer, AttributionRequest request, NdArray<float>? attributionsAtInput = null, IPerturbationSource? perturbations = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(explainer);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Inputs[request.InputIndex] is not NdArray<float> input)
        {
            throw new InterpException($"sensitivity_max: input {request.InputIndex} must be a float input.");
        }

        var source = perturbations ?? new UniformPerturbations(Options.Radius, Options.Seed ?? request.Seed ?? 0);
        int n = input.Shape[0], k = Options.Samples, len = input.RowLength;
        int originals = attributionsAtInput is null ? n : 0;
        int rows = (n * k) + originals;
        var data = new float[rows * len];
        var examples = new int[rows];
        for (int j = 0; j < n * k; j++)
        {
            var row = data.AsSpan(j * len, len);
            examples[j] = j / k;
            source.Fill(j / k, j % k, input.Row(j / k), row);
            var x = input.Row(j / k);
            for (int i = 0; i < len; i++) row[i] += x[i];
        }

        for (int e = 0; e < originals; e++)
        {
            examples[(n * k) + e] = e;
            input.Row(e).CopyTo(data.AsSpan(((n * k) + e) * len, len));
        }

        var repeated = RequestRows.ForRows(request, new NdArray<float>(data, [rows, .. input.RowShape]), examples);
        if (await explainer.ExplainAsync(repeated, cancellationToken).ConfigureAwait(false) is not AttributionExplanation explained)
        {
            throw new InterpException($"sensitivity_max: '{explainer.Name}' does not return attributions.");
        }

        var all = explained.Attributions;
        var atInput = attributionsAtInput ?? new NdArray<float>(all.Data[(n * k * all.RowLength)..], [n, .. all.RowShape]);
        if (atInput.Shape[0] != n || atInput.RowLength != all.RowLength)
        {
            throw new InterpException($"sensitivity_max: S(x) has shape {NdArray<float>.Format(atInput.Shape)} but '{explainer.Name}' returns rows of {all.RowLength} values for {n} examples.");
        }

        var result = new double[n];
        for (int e = 0; e < n; e++)
        {
            var s = atInput.Row(e);
            double norm = Math.Sqrt(SquaredDistance(s, default));
            for (int j = e * k; j < (e + 1) * k; j++)
            {
                result[e] = Math.Max(result[e], Math.Sqrt(SquaredDistance(s, all.Row(j))) / (norm == 0 ? 1 : norm));
            }
        }

        return result;
    }

    /// <summary>‖a − b‖² (b empty: ‖a‖²).</summary>
    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - (b.IsEmpty ? 0f : b[i]);
            sum += d * d;
        }

        return sum;
    }
}
