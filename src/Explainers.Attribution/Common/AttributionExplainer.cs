using Interp.Explainers.Hosting;
using Interp.Explainers.Requests;

namespace Interp.Explainers.Attribution.Common;

/// <summary>Base of the pack's local attribution explainers: the typed request/explanation pair and the batch planner.</summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public abstract class AttributionExplainer<TOptions> : ExplainerBase<AttributionRequest, AttributionExplanation, TOptions>
    where TOptions : ExplainerOptions
{
    /// <summary>Creates the explainer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="planner">Batch planner (default: 64 MiB budget).</param>
    protected AttributionExplainer(TOptions options, IBatchPlanner? planner)
        : base(options) => Planner = planner ?? new BatchPlanner();

    /// <summary>Turns the memory budget into batch sizes.</summary>
    protected IBatchPlanner Planner { get; }
}
