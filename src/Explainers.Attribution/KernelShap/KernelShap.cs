using Interp.Explainers.Attribution.Shapley;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;

namespace Interp.Explainers.Attribution.KernelShap;

/// <summary>
/// Kernel SHAP: Shapley values as the solution of a weighted linear regression of coalition values on coalition
/// membership. <see cref="KernelShapFormulation.Shap"/> (default) is shap's <c>KernelExplainer</c> (see
/// <see cref="ShapKernelSampler"/> and <see cref="ShapKernelSolver"/>): with the default budget of 2·M + 2048
/// coalitions every coalition of up to 11 players is enumerated and the result is the exact Shapley values.
/// <see cref="KernelShapFormulation.Captum"/> is Captum's <c>KernelShap</c> (see <see cref="CaptumKernelSampler"/>).
/// The background is the request's <c>baselines</c> rows; v(S) is the mean target output over them.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes, for a given seed | (1 + Samples)·B model rows per example |
/// </remarks>
[Explainer("KernelShap", ExplainerLevel.Local, typeof(KernelShapOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Shapley values from a Shapley-kernel weighted regression on coalitions (shap's or Captum's formulation).")]
public sealed class KernelShap : Common.AttributionExplainer<KernelShapOptions>
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public KernelShap(KernelShapOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        int seed = Options.SeedFor(request);
        Random[]? streams = null;
        bool captum = Options.Formulation == KernelShapFormulation.Captum;
        return Task.FromResult(Run(
            request,
            (game, n) =>
            {
                streams ??= ExampleStreams.Create(seed, game.Examples);
                int m = game.Players[n];
                return captum
                    ? CaptumKernelSampler.Plan(m, Options.Samples ?? 25, streams[n])
                    : ShapKernelSampler.Plan(m, Options.Samples ?? 2 * m + 2048, streams[n]);
            },
            captum,
            seed,
            cancellationToken));
    }

    /// <summary>
    /// Captum's formulation on given coalitions (e.g. the ones Captum drew, recorded in shared/reference): the
    /// all-ones and all-zeros rows weigh 1e6, the others 1.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="recorded">Per example, the 0/1 coalitions row-major [count × players].</param>
    /// <param name="cancellationToken">Cancellation.</param>
    internal AttributionExplanation ExplainRecorded(AttributionRequest request, IReadOnlyList<float[]> recorded, CancellationToken cancellationToken = default) => Run(
        request,
        (game, n) =>
        {
            int m = game.Players[n];
            var coalitions = new WeightedCoalitions(m);
            for (int start = 0; start < recorded[n].Length; start += m)
            {
                var members = recorded[n].AsSpan(start, m).ToArray().Select(z => z != 0f).ToArray();
                int size = members.Count(b => b);
                coalitions.Add(members, size == 0 || size == m ? CaptumKernelSampler.AnchorWeight : 1.0);
            }

            return coalitions;
        },
        captum: true,
        seed: null,
        cancellationToken);

    private AttributionExplanation Run(AttributionRequest request, Func<CoalitionGame, int, WeightedCoalitions> plan, bool captum, int? seed, CancellationToken cancellationToken)
    {
        var game = CoalitionGame.Create(request, Options, Planner, Name, cancellationToken);
        var plans = Enumerable.Range(0, game.Examples).Select(n => plan(game, n)).ToArray();
        var first = new int[game.Examples + 1];
        for (int n = 0; n < game.Examples; n++) first[n + 1] = checked(first[n] + plans[n].Count);
        var exampleOf = new int[first[^1]];
        for (int n = 0; n < game.Examples; n++) Array.Fill(exampleOf, n, first[n], plans[n].Count);

        var empty = game.EmptyValues(cancellationToken);
        var values = game.Values(exampleOf.Length, k => exampleOf[k], (k, p) => plans[exampleOf[k]].Holds(k - first[exampleOf[k]], p), cancellationToken);

        var phi = new double[game.Examples][];
        for (int n = 0; n < game.Examples; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var own = values.AsSpan(first[n], plans[n].Count);
            phi[n] = captum
                ? CaptumKernelSampler.Fit(plans[n].Members, plans[n].Players, own, plans[n].Weights)
                : ShapKernelSolver.Solve(plans[n], own, empty[n], game.Full(n));
        }

        return game.ToExplanation(this, phi, empty, seed);
    }
}
