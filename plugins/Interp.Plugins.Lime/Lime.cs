using System.Globalization;
using Interp.Explainers;
using Interp.Explainers.Explanations;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Numerics;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Plugins.Lime;

/// <summary>
/// LIME (Captum <c>Lime</c>): per example, the interpretable features are the groups of the chosen mask. It draws
/// <see cref="LimeOptions.Samples"/> binary vectors z ~ Bernoulli(0.5) per group, evaluates the model at
/// x′ = z[mask]·x + (1 − z[mask])·baseline, weights each sample by exp(−d²/(2·width²)) with d the cosine distance
/// between x and x′, and fits a weighted Lasso (or least squares) of f(x′)[target] on z. Each scalar's attribution is
/// its group's coefficient (Captum's <c>return_input_shape=True</c>).
/// </summary>
/// <remarks>
/// <para>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes, for a given seed | 1 + Samples model rows per example |
/// </para>
/// <para>
/// The perturbed rows of all examples go through one batched evaluation, so batches span examples. Extras:
/// <c>group_coefficients</c> [N, G] (when every example has the same G); quality: <c>lime_intercept</c> per example.
/// The surrogate is solved to convergence (relative tolerance 1e-10), not stopped at scikit-learn's tol 1e-4.
/// </para>
/// </remarks>
[Explainer("Lime", ExplainerLevel.Local, typeof(LimeOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Fit a kernel-weighted Lasso on random on/off perturbations of the mask groups; attribution = the group's coefficient.")]
public sealed class Lime : ExplainerBase<AttributionRequest, AttributionExplanation, LimeOptions>
{
    private readonly IBatchPlanner _planner;

    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public Lime(LimeOptions options, IBatchPlanner? planner = null)
        : base(options) => _planner = planner ?? new BatchPlanner();

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval);
        int seed = Options.Seed ?? request.Seed ?? 0;
        var maskKind = Options.Mask == MaskKind.Feature && request.FeatureMask is null ? MaskKind.None : Options.Mask;
        double alpha = Options.Surrogate == LimeSurrogate.Linear ? 0.0 : Options.Alpha;
        int examples = setup.Examples;
        int samples = Options.Samples;
        int length = setup.ExampleLength;

        // Draws and kernel weights per example (no model calls).
        var groupIndex = new int[examples][];
        var groups = new int[examples];
        var draws = new float[examples][];
        var weights = new float[examples][];
        for (int n = 0; n < examples; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            groupIndex[n] = LimeFit.GroupIndex(setup.Mask(maskKind, n), out groups[n]);
            draws[n] = LimeFit.DrawSamples(LimeFit.ExampleSeed(seed, n), samples, groups[n]);
            weights[n] = LimeFit.KernelWeights(setup.Input.Row(n), setup.Baseline(n), groupIndex[n], draws[n], groups[n], Options.KernelWidth);
        }

        // f(x')[target] for every sample of every example, batched across examples.
        var evaluator = new PerturbationEvaluator(setup, PerturbationEvaluator.PlanRows(setup, _planner, Options.PerturbationsPerEval), counter);
        var outputs = evaluator.Evaluate(
            checked(examples * samples),
            k => k / samples,
            (k, row) =>
            {
                int n = k / samples, s = k % samples;
                LimeFit.Perturb(setup.Input.Row(n), setup.Baseline(n), groupIndex[n], draws[n].AsSpan(s * groups[n], groups[n]), row);
            },
            cancellationToken);

        var attributions = new float[examples * length];
        var intercepts = new double[examples];
        var coefficients = new double[examples][];
        for (int n = 0; n < examples; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fit = FitExample(n, draws[n], groups[n], outputs.AsSpan(n * samples, samples), weights[n], alpha);
            coefficients[n] = fit.Coefficients;
            intercepts[n] = fit.Intercept;
            var index = groupIndex[n];
            for (int i = 0; i < length; i++) attributions[n * length + i] = (float)fit.Coefficients[index[i]];
        }

        var explanation = setup.ToExplanation(this, attributions, counter, seed);

        if (groups.Distinct().Count() == 1)
        {
            int g = groups[0];
            var table = new float[examples * g];
            for (int n = 0; n < examples; n++)
            {
                for (int j = 0; j < g; j++) table[n * g + j] = (float)coefficients[n][j];
            }

            explanation.Extras["group_coefficients"] = new NdArray<float>(table, examples, g);
        }

        explanation.Quality["lime_intercept"] = intercepts;
        return Task.FromResult(explanation);
    }

    private WeightedLassoResult FitExample(int example, float[] draws, int groups, ReadOnlySpan<float> outputs, float[] weights, double alpha)
    {
        foreach (var value in outputs)
        {
            if (!float.IsFinite(value))
            {
                throw new InterpException($"Lime: the model returned a non-finite output for a perturbed copy of example {example}; the surrogate cannot be fitted.");
            }
        }

        if (!weights.All(float.IsFinite))
        {
            throw new InterpException($"Lime: a kernel weight of example {example} is not finite (the input or baseline holds NaN or infinity); the surrogate cannot be fitted.");
        }

        if (!weights.Any(w => w > 0))
        {
            throw new InterpException(
                $"Lime: every kernel weight of example {example} is 0 (KernelWidth={Options.KernelWidth.ToString(CultureInfo.InvariantCulture)} is too small for the cosine distances); increase KernelWidth.")
            { IsConfigurationError = true };
        }

        return LimeFit.Fit(draws, groups, outputs, weights, alpha);
    }
}
