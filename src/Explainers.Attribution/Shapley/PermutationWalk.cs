namespace Interp.Explainers.Attribution.Shapley;

/// <summary>
/// Shapley values from orderings of the players: along each ordering the players join one by one, starting from
/// the empty coalition, and each player is credited v(players before it and itself) − v(players before it). The
/// average over the orderings is the estimate. Every ordering telescopes to v(all) − v(∅), so the estimate satisfies
/// efficiency exactly. v(all) is f(x); the G − 1 proper non-empty prefixes of every ordering of every example are
/// evaluated in one batched pass.
/// </summary>
internal static class PermutationWalk
{
    /// <summary>
    /// The whole explainer: builds the game, draws each example's orderings from its own stream and walks them.
    /// </summary>
    /// <param name="explainer">The explainer.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">The explainer's options.</param>
    /// <param name="planner">The memory budget.</param>
    /// <param name="orderingsOf">The orderings of an example given its generator and its number of players.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static AttributionExplanation Explain(IExplainer explainer, Requests.AttributionRequest request, SampledShapleyOptions options, Hosting.IBatchPlanner planner, Func<Random, int, IReadOnlyList<int[]>> orderingsOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var game = CoalitionGame.Create(request, options, planner, explainer.Name, cancellationToken);
        int seed = options.SeedFor(request);
        var streams = ExampleStreams.Create(seed, game.Examples);
        var orderings = new IReadOnlyList<int[]>[game.Examples];
        for (int n = 0; n < game.Examples; n++) orderings[n] = orderingsOf(streams[n], game.Players[n]);
        var (values, empty) = Run(game, orderings, cancellationToken);
        return game.ToExplanation(explainer, values, empty, seed);
    }

    /// <summary>The average marginal contributions along <paramref name="orderings"/>.</summary>
    /// <param name="game">The game.</param>
    /// <param name="orderings">Per example, the orderings (each a permutation of that example's players).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>φ per example and player, and v(∅) per example.</returns>
    public static (double[][] Values, double[] Empty) Run(CoalitionGame game, IReadOnlyList<int[]>[] orderings, CancellationToken cancellationToken)
    {
        // Job list: (example, ordering, prefix length k = 1..G−1); rank[p] = position of player p in the ordering.
        var jobs = new List<(int Example, int[] Rank, int Length)>();
        for (int n = 0; n < game.Examples; n++)
        {
            foreach (var order in orderings[n])
            {
                var rank = new int[order.Length];
                for (int position = 0; position < order.Length; position++) rank[order[position]] = position;
                for (int k = 1; k < order.Length; k++) jobs.Add((n, rank, k));
            }
        }

        var empty = game.EmptyValues(cancellationToken);
        var span = jobs.ToArray();
        var prefix = game.Values(span.Length, j => span[j].Example, (j, p) => span[j].Rank[p] < span[j].Length, cancellationToken);

        var values = new double[game.Examples][];
        int next = 0;
        for (int n = 0; n < game.Examples; n++)
        {
            values[n] = new double[game.Players[n]];
            foreach (var order in orderings[n])
            {
                double before = empty[n];
                for (int position = 0; position < order.Length; position++)
                {
                    double after = position == order.Length - 1 ? game.Full(n) : prefix[next++];
                    values[n][order[position]] += after - before;
                    before = after;
                }
            }

            for (int p = 0; p < values[n].Length; p++) values[n][p] /= Math.Max(1, orderings[n].Count);
        }

        return (values, empty);
    }
}
