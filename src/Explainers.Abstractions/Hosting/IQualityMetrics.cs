namespace Interp.Explainers.Hosting;

/// <summary>
/// Quality metrics of an attribution explanation, computed on request and written into
/// <see cref="Explanation.Quality"/> (one value per example). Registered by the attribution pack, so hosts that load
/// the pack as a plugin (the CLI) reach it through this contract.
/// </summary>
public interface IQualityMetrics
{
    /// <summary>The metric names accepted by <see cref="AddAsync"/> (besides <c>all</c>), e.g. <c>infidelity</c>.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Computes the requested metrics and writes them into the explanation.</summary>
    /// <param name="explanation">The explanation to evaluate; its <c>Quality</c> (and <c>Extras</c>) receive the results.</param>
    /// <param name="explainer">The explainer that made it (re-run on perturbed inputs by metrics that need it).</param>
    /// <param name="request">The request it explained.</param>
    /// <param name="metrics">Names from <see cref="Names"/>, or <c>all</c> (every metric that applies to the explanation).</param>
    /// <param name="cancellationToken">Checked between model calls.</param>
    /// <exception cref="InterpException">An unknown name, or a named metric that does not apply to the explanation.</exception>
    Task AddAsync(AttributionExplanation explanation, IExplainer explainer, AttributionRequest request, IReadOnlyCollection<string> metrics, CancellationToken cancellationToken = default);
}
