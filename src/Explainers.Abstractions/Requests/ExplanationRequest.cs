using Interp.Explainers.Models;

namespace Interp.Explainers.Requests;

/// <summary>What every request carries: the model and, for stochastic explainers, a seed.</summary>
public abstract class ExplanationRequest
{
    /// <summary>The model to explain; explainers use only the capability interfaces it implements.</summary>
    public required IModel Model { get; init; }

    /// <summary>Seed of every random draw; the same seed gives the same output. Null: the explainer's default seed.</summary>
    public int? Seed { get; init; }
}
