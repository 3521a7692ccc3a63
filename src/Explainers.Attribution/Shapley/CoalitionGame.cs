using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;
using Interp.Explainers.Tensors;
using Interp.Explainers.Toolkit.Perturbation;

namespace Interp.Explainers.Attribution.Shapley;

/// <summary>
/// The cooperative game behind the model-agnostic Shapley explainers. Players are the groups of the chosen mask;
/// the value of a coalition S of example n is v(S) = mean over the background rows b of f(x_S, b_¬S)[target]: the
/// scalars of the players in S come from x, the others from b. The background is every row of the request's
/// <c>baselines</c> (one row: the single-baseline game of Captum's Shapley methods), or the scalar baseline value.
/// Coalition values are evaluated in large batches (one model row per coalition and background row).
/// </summary>
internal sealed class CoalitionGame
{
    private readonly float[][] _background;
    private readonly PerturbationEvaluator _evaluator;

    private CoalitionGame(AttributionSetup setup, ModelCallCounter counter, float[][] background, int[][] playerOf, PerturbationEvaluator evaluator)
    {
        Setup = setup;
        Counter = counter;
        _background = background;
        PlayerOf = playerOf;
        Players = playerOf.Select(p => p.Length == 0 ? 0 : p.Max() + 1).ToArray();
        _evaluator = evaluator;
    }

    /// <summary>The validated request (f(x) already evaluated).</summary>
    public AttributionSetup Setup { get; }

    /// <summary>The model calls made.</summary>
    public ModelCallCounter Counter { get; }

    /// <summary>Per example, the player (0..G−1) each scalar belongs to.</summary>
    public int[][] PlayerOf { get; }

    /// <summary>Per example, the number of players G.</summary>
    public int[] Players { get; }

    /// <summary>Number of examples.</summary>
    public int Examples => Setup.Examples;

    /// <summary>v(all players) of example <paramref name="example"/>: f(x)[target].</summary>
    /// <param name="example">Example index.</param>
    public double Full(int example) => Setup.TargetAtInput[example];

    /// <summary>Validates the request, evaluates f(x) and resolves the players.</summary>
    /// <param name="request">The request; <c>baselines</c> [B, ...] is the background.</param>
    /// <param name="options">The explainer's options.</param>
    /// <param name="planner">The memory budget of a model call.</param>
    /// <param name="method">The explainer's name, for messages.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="InterpException">The background is empty or does not have the input's shape, or the request does not fit the model.</exception>
    public static CoalitionGame Create(AttributionRequest request, ShapleyOptions options, IBatchPlanner planner, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Baselines is { } given && (given.Rank == 0 || given.Shape[0] == 0))
        {
            throw new InterpException($"{method}: the background (baselines) is empty; give at least one row with the input's shape, or omit it to use the baseline value.");
        }

        var counter = new ModelCallCounter();
        var setup = AttributionSetup.Create(request, options.AllowNonFinite, counter, cancellationToken, allowBaselineDistribution: true, rowsPerCall: options.PerturbationsPerEval);
        var background = request.Baselines is { } rows
            ? Enumerable.Range(0, rows.Shape[0]).Select(r => rows.Row(r).ToArray()).ToArray()
            : [setup.Baseline(0).ToArray()];
        var kind = options.Mask == MaskKind.Feature && request.FeatureMask is null ? MaskKind.None : options.Mask;
        var playerOf = new int[setup.Examples][];
        for (int n = 0; n < setup.Examples; n++) playerOf[n] = PlayerIndex(setup.Mask(kind, n));
        var evaluator = new PerturbationEvaluator(setup, PerturbationEvaluator.PlanRows(setup, planner, options.PerturbationsPerEval), counter);
        return new CoalitionGame(setup, counter, background, playerOf, evaluator);
    }

    /// <summary>
    /// The values of <paramref name="coalitions"/> coalitions: coalition k belongs to example
    /// <paramref name="exampleOf"/>(k) and holds player p when <paramref name="holds"/>(k, p).
    /// </summary>
    /// <param name="coalitions">Number of coalitions.</param>
    /// <param name="exampleOf">The example of each coalition.</param>
    /// <param name="holds">Membership of a player in a coalition.</param>
    /// <param name="cancellationToken">Checked before every model call.</param>
    public double[] Values(int coalitions, Func<int, int> exampleOf, Func<int, int, bool> holds, CancellationToken cancellationToken)
    {
        int rows = _background.Length;

        // The evaluator fills rows in order, so the scalars a coalition takes from the background are resolved once per
        // coalition (not once per background row).
        int cached = -1;
        var fromBackground = new List<int>();
        var outputs = _evaluator.Evaluate(
            checked(coalitions * rows),
            k => exampleOf(k / rows),
            (k, row) =>
            {
                int coalition = k / rows;
                if (coalition != cached)
                {
                    cached = coalition;
                    fromBackground.Clear();
                    var playerOf = PlayerOf[exampleOf(coalition)];
                    for (int i = 0; i < row.Length; i++)
                    {
                        if (!holds(coalition, playerOf[i])) fromBackground.Add(i);
                    }
                }

                var background = _background[k % rows];
                foreach (int i in fromBackground) row[i] = background[i];
            },
            cancellationToken);
        var values = new double[coalitions];
        for (int c = 0; c < coalitions; c++)
        {
            double sum = 0;
            for (int b = 0; b < rows; b++) sum += outputs[c * rows + b];
            values[c] = sum / rows;
        }

        return values;
    }

    /// <summary>v(∅) of every example: the mean of f over the background.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public double[] EmptyValues(CancellationToken cancellationToken) => Values(Examples, n => n, static (_, _) => false, cancellationToken);

    /// <summary>
    /// The explanation: every scalar gets its player's value; extras <c>group_attributions</c> [N, G] (when every example
    /// has the same G); quality <c>base_value</c> (v(∅)) and the convergence delta Σφ − (f(x) − v(∅)) per example.
    /// </summary>
    /// <param name="explainer">The explainer.</param>
    /// <param name="values">φ per example and player.</param>
    /// <param name="empty">v(∅) per example.</param>
    /// <param name="seed">The seed, for stochastic methods.</param>
    public AttributionExplanation ToExplanation(IExplainer explainer, double[][] values, double[] empty, int? seed)
    {
        int length = Setup.ExampleLength;
        var attributions = new float[Examples * length];
        var delta = new double[Examples];
        for (int n = 0; n < Examples; n++)
        {
            for (int i = 0; i < length; i++) attributions[n * length + i] = (float)values[n][PlayerOf[n][i]];
            delta[n] = values[n].Sum() - (Full(n) - empty[n]);
        }

        var explanation = Setup.ToExplanation(explainer, attributions, Counter, seed, delta);
        if (Players.Distinct().Count() == 1)
        {
            int g = Players[0];
            explanation.Extras["group_attributions"] = new NdArray<float>(values.SelectMany(v => v.Select(x => (float)x)).ToArray(), Examples, g);
        }

        explanation.Quality["base_value"] = empty;
        return explanation;
    }

    /// <summary>Player per scalar: the sorted distinct group ids become players 0..G−1.</summary>
    private static int[] PlayerIndex(int[] mask)
    {
        var ids = mask.Distinct().Order().ToArray();
        return mask.Select(id => Array.BinarySearch(ids, id)).ToArray();
    }
}
