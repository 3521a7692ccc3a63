using System.Globalization;
using Interp.Explainers.Attribution.Shapley;
using Interp.Explainers.Hosting;
using Interp.Explainers.Models;
using Interp.Explainers.Requests;

namespace Interp.Explainers.Attribution.ExactShap;

/// <summary>
/// Exact Shapley values (Captum <c>ShapleyValues</c>; shap <c>ExactExplainer</c>): every one of the 2^G coalitions
/// of the G players is evaluated and φᵢ = Σ_{S ∌ i} |S|!(G − |S| − 1)!/G! · (v(S ∪ {i}) − v(S)), with v(S) the mean
/// target output over the background with the players of S taken from the input.
/// </summary>
/// <remarks>
/// | level | capabilities | backends | GPU | deterministic | cost |
/// |---|---|---|---|---|---|
/// | local | IPredictor | any | through the backend | yes | (2^G − 1)·B model rows per example (B background rows) |
/// <para>At most <see cref="MaxPlayers"/> players; beyond that use <c>kernel-shap</c> or <c>permutation-shap</c>.</para>
/// </remarks>
[Explainer("ExactShap", ExplainerLevel.Local, typeof(ExactShapOptions),
    RequiredCapabilities = [typeof(IPredictor)],
    Description = "Exact Shapley values over every coalition of the players (at most 20), against a background.")]
public sealed class ExactShap : Common.AttributionExplainer<ExactShapOptions>
{
    /// <summary>The most players enumerated (2^20 coalitions per example).</summary>
    public const int MaxPlayers = 20;

    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    public ExactShap(ExactShapOptions options, IBatchPlanner? planner = null) : base(options, planner)
    {
    }

    /// <inheritdoc />
    public override Task<AttributionExplanation> ExplainAsync(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var game = CoalitionGame.Create(request, Options, Planner, Name, cancellationToken);
        int most = game.Players.Max();
        if (most > MaxPlayers)
        {
            throw new InterpException(
                $"ExactShap: {most.ToString(CultureInfo.InvariantCulture)} players would need 2^{most.ToString(CultureInfo.InvariantCulture)} coalitions per example; it enumerates at most {MaxPlayers} players. " +
                "Group the features with a feature_mask (Mask=feature or Mask=grouped), or use kernel-shap or permutation-shap.")
            { IsConfigurationError = true };
        }

        // Coalitions 0 .. 2^G − 2 of every example (bit p = player p); the full coalition is f(x).
        var first = new int[game.Examples + 1];
        for (int n = 0; n < game.Examples; n++) first[n + 1] = first[n] + (1 << game.Players[n]) - 1;
        var exampleOf = new int[first[^1]];
        for (int n = 0; n < game.Examples; n++) Array.Fill(exampleOf, n, first[n], first[n + 1] - first[n]);
        var values = game.Values(exampleOf.Length, k => exampleOf[k], (k, p) => ((k - first[exampleOf[k]]) >> p & 1) == 1, cancellationToken);

        var phi = new double[game.Examples][];
        var empty = new double[game.Examples];
        for (int n = 0; n < game.Examples; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int offset = first[n];
            empty[n] = values[offset];
            phi[n] = Shapley(game.Players[n], mask => mask == (1 << game.Players[n]) - 1 ? game.Full(n) : values[offset + mask]);
        }

        return Task.FromResult(game.ToExplanation(this, phi, empty, seed: null));
    }

    /// <summary>The Shapley values of a G-player game given v by coalition bit mask.</summary>
    /// <param name="players">G.</param>
    /// <param name="value">v(S) by bit mask.</param>
    internal static double[] Shapley(int players, Func<int, double> value)
    {
        // weight[s] = s!(G − s − 1)!/G! = 1 / (G · C(G − 1, s)).
        var weight = new double[players];
        double binomial = 1;
        for (int s = 0; s < players; s++)
        {
            weight[s] = 1.0 / (players * binomial);
            binomial = binomial * (players - 1 - s) / (s + 1);
        }

        var phi = new double[players];
        int full = (1 << players) - 1;
        for (int mask = 0; mask < full; mask++)
        {
            double v = value(mask);
            int size = System.Numerics.BitOperations.PopCount((uint)mask);
            for (int p = 0; p < players; p++)
            {
                if ((mask >> p & 1) == 0) phi[p] += weight[size] * (value(mask | (1 << p)) - v);
            }
        }

        return phi;
    }
}
