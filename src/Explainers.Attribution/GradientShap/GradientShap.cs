using Interp.Explainers.Attribution.Gradients;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.GradientShap;

/// <summary>
/// GradientShap (Lundberg &amp; Lee 2017; Captum <c>GradientShap</c>): expected gradients over random points between a
/// randomly chosen baseline b (from a distribution) and the noisy input x̃ = x + ε:
/// mean_k (x̃ − b)·∇f(b + α(x̃ − b)). Seeded.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IDifferentiable | TorchSharp, imported ONNX, TorchScript | yes | for a seed | Samples forward+backward rows per example |
/// </remarks>
[Explainer("GradientShap", ExplainerLevel.Local, typeof(GradientShapOptions), RequiredCapabilities = [typeof(IDifferentiable)],
    Description = "Expected gradients between random baselines and the (noisy) input.")]
public sealed class GradientShap : Common.AttributionExplainer<GradientShapOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public GradientShap(GradientShapOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        int seed = Options.Seed ?? request.Seed ?? 0;
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, allowBaselineDistribution: true, rowsPerCall: Options.PerturbationsPerEval);
        int baselineCount = request.Baselines?.Shape[0] ?? 1;
        var draws = GradientShapDraws.Sample(seed, setup.Examples * Options.Samples, setup.ExampleLength, baselineCount, Options.Stdev);
        var attributions = Attribute(setup, new GradientBatches(setup, Planner, Options.PerturbationsPerEval, counter), draws, Options.Samples, Options.MultiplyByInputs, cancellationToken);
        return Task.FromResult(setup.ToExplanation(this, attributions, counter, seed));
    }

    /// <summary>GradientShap with explicit draws (tests feed Captum's recorded draws).</summary>
    internal static float[] Attribute(AttributionSetup setup, GradientBatches batches, GradientShapDraws draws, int samples, bool multiplyByInputs, CancellationToken cancellationToken)
    {
        int len = setup.ExampleLength;
        var sums = new double[setup.Examples * len];
        ReadOnlySpan<float> Baseline(int j) => setup.Request.Baselines is { } b ? b.Row(b.Shape[0] == 1 ? 0 : draws.BaselineIndices[j]) : setup.Baseline(0);
        batches.Run(
            setup.Examples * samples,
            j => j / samples,
            (j, row) =>
            {
                var baseline = Baseline(j);
                float alpha = draws.Alphas[j];
                var noise = draws.Noise.AsSpan(j * len, len);
                for (int i = 0; i < len; i++) row[i] = (alpha * (row[i] + noise[i])) + ((1 - alpha) * baseline[i]);
            },
            (j, gradient, _) =>
            {
                int e = j / samples;
                var baseline = Baseline(j);
                var x = setup.Input.Row(e);
                var noise = draws.Noise.AsSpan(j * len, len);
                for (int i = 0; i < len; i++) sums[(e * len) + i] += gradient[i] * (multiplyByInputs ? x[i] + noise[i] - baseline[i] : 1.0);
            },
            cancellationToken);
        return sums.Select(s => (float)(s / samples)).ToArray();
    }
}
