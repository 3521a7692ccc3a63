namespace Interp.Explainers.Attribution.Shapley;

/// <summary>Options of the Shapley explainers that draw random coalitions or permutations.</summary>
public abstract class SampledShapleyOptions : ShapleyOptions
{
    /// <summary>
    /// Seed of the draws (Captum and shap draw from torch's or numpy's global generator). Null (default): the request's
    /// seed, or 0 when that is null too. Each example draws from its own stream derived from the seed, so results do
    /// not depend on batching.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>The seed in force for <paramref name="request"/>.</summary>
    /// <param name="request">The request.</param>
    internal int SeedFor(Requests.AttributionRequest request) => Seed ?? request.Seed ?? 0;
}
