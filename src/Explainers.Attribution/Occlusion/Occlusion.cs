using Interp.Explainers.Attribution.Common;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Occlusion;

/// <summary>
/// Occlusion (Captum <c>Occlusion</c>, Zeiler &amp; Fergus 2014): a window slides over the example with the given
/// strides (any rank); each position replaces the window by the baseline, and every scalar's attribution is the
/// mean of f(x)[target] − f(occluded)[target] over the windows that covered it. Windows per dimension:
/// ceil((size − window) / stride) + 1, the last one clipped at the border.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes | 1 + windows model rows per example |
/// </remarks>
[Explainer("Occlusion", ExplainerLevel.Local, typeof(OcclusionOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Slide a baseline window over the input; attribution = mean drop in the target output over covering windows.")]
public sealed class Occlusion : Common.AttributionExplainer<OcclusionOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public Occlusion(OcclusionOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, Options.AllowNonFinite, counter, cancellationToken, rowsPerCall: Options.PerturbationsPerEval, allowIntegerInput: true);
        var windows = Windows(setup.ExampleShape);

        var jobs = new List<(int Example, int[] Positions)>(setup.Examples * windows.Count);
        for (int n = 0; n < setup.Examples; n++) jobs.AddRange(windows.Select(w => (n, w)));
        var rows = PerturbationEvaluator.PlanRows(setup, Planner, Options.PerturbationsPerEval);
        var attributions = AblationAccumulator.Run(setup, jobs, rows, counter, cancellationToken);
        return Task.FromResult(setup.ToExplanation(this, attributions, counter));
    }

    /// <summary>The flat positions covered by each window position, in row-major order of window positions.</summary>
    internal List<int[]> Windows(int[] shape)
    {
        int rank = shape.Length;
        var window = Options.SlidingWindowShapes ?? Enumerable.Repeat(1, rank).ToArray();
        var strides = Options.Strides ?? Enumerable.Repeat(1, rank).ToArray();
        if (window.Length != rank || strides.Length != rank)
        {
            throw new InterpException(
                $"Occlusion: SlidingWindowShapes ({window.Length} dims) and Strides ({strides.Length} dims) must have one entry per dimension of an example, whose shape is [{string.Join(",", shape)}].")
            { IsConfigurationError = true };
        }

        for (int d = 0; d < rank; d++)
        {
            if (window[d] > shape[d])
            {
                throw new InterpException($"Occlusion: SlidingWindowShapes[{d}] = {window[d]} is larger than the example's dimension {d} ({shape[d]}).") { IsConfigurationError = true };
            }
        }

        var counts = new int[rank];
        for (int d = 0; d < rank; d++) counts[d] = (int)Math.Ceiling((shape[d] - window[d]) / (double)strides[d]) + 1;
        var rowStrides = new int[rank];
        for (int d = rank - 1, acc = 1; d >= 0; acc *= shape[d], d--) rowStrides[d] = acc;

        var result = new List<int[]>();
        var index = new int[rank];
        while (true)
        {
            result.Add(Covered(index, window, strides, shape, rowStrides));
            int dim = rank - 1;
            while (dim >= 0 && ++index[dim] == counts[dim]) index[dim--] = 0;
            if (dim < 0) break;
        }

        return result;
    }

    private static int[] Covered(int[] index, int[] window, int[] strides, int[] shape, int[] rowStrides)
    {
        int rank = shape.Length;
        var start = new int[rank];
        var end = new int[rank];
        int total = 1;
        for (int d = 0; d < rank; d++)
        {
            start[d] = index[d] * strides[d];
            end[d] = Math.Min(start[d] + window[d], shape[d]);
            total *= end[d] - start[d];
        }

        var positions = new int[total];
        var cursor = (int[])start.Clone();
        for (int k = 0; k < total; k++)
        {
            int flat = 0;
            for (int d = 0; d < rank; d++) flat += cursor[d] * rowStrides[d];
            positions[k] = flat;
            for (int dim = rank - 1; dim >= 0; dim--)
            {
                if (++cursor[dim] < end[dim]) break;
                cursor[dim] = start[dim];
            }
        }

        return positions;
    }
}
