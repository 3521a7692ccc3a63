using System.Globalization;

namespace Interp.Explainers.Models;

/// <summary>
/// Picks the SHAP explainer for a model (shap's <c>Explainer(model)</c>): <c>TreeShap</c> for tree ensembles,
/// <c>LinearShap</c> for linear models, <c>ExactShap</c> when there are at most <see cref="MaxExactPlayers"/>
/// players, else <c>PermutationShap</c>.
/// </summary>
public static class ShapExplainerChooser
{
    /// <summary>The most players <see cref="Choose"/> sends to ExactShap.</summary>
    public const int MaxExactPlayers = 15;

    /// <summary>The registry name of the explainer to use and why.</summary>
    /// <param name="model">The model.</param>
    /// <param name="players">The number of players (features or feature groups).</param>
    /// <exception cref="InterpException">The model offers none of the capabilities the SHAP explainers need.</exception>
    public static (string Explainer, string Reason) Choose(IModel model, int players)
    {
        ArgumentNullException.ThrowIfNull(model);
        string count = players.ToString(CultureInfo.InvariantCulture);
        if (model is ITreeEnsembleModel) return ("TreeShap", "a tree ensemble: exact TreeSHAP");
        if (model is ILinearModel) return ("LinearShap", "a linear model: exact LinearSHAP (independent features)");
        if (model is not IPredictor) throw new InterpException($"The model ({model.GetType().Name}) cannot predict; no SHAP explainer applies.");
        return players <= MaxExactPlayers
            ? ("ExactShap", $"{count} players (at most {MaxExactPlayers.ToString(CultureInfo.InvariantCulture)}): every coalition")
            : ("PermutationShap", $"{count} players (more than {MaxExactPlayers.ToString(CultureInfo.InvariantCulture)}): antithetic permutations");
    }
}
