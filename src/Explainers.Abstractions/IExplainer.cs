namespace Interp.Explainers;

/// <summary>
/// The level-neutral explainer contract. Every explainer, built in or from a plugin, implements it; the host
/// finds explainers by name through the registry and calls <see cref="ExplainAsync"/> with a request of the
/// explainer's family (<see cref="RequestType"/>).
/// </summary>
public interface IExplainer
{
    /// <summary>The registry name (PascalCase, e.g. <c>FeatureAblation</c>).</summary>
    string Name { get; }

    /// <summary>The level this explainer works at.</summary>
    ExplainerLevel Level { get; }

    /// <summary>The request type this explainer accepts (a subclass of <see cref="ExplanationRequest"/>).</summary>
    Type RequestType { get; }

    /// <summary>
    /// The capability interfaces the model must implement for this instance (usually those of its
    /// <see cref="ExplainerAttribute"/>; a wrapper such as NoiseTunnel reports its inner explainer's).
    /// </summary>
    IReadOnlyList<Type> RequiredCapabilities { get; }

    /// <summary>The options instance the explainer runs with (bound from <c>Interp:Explainers:&lt;Name&gt;</c>).</summary>
    ExplainerOptions Options { get; }

    /// <summary>Explains the request's model.</summary>
    /// <param name="request">A request of type <see cref="RequestType"/>.</param>
    /// <param name="cancellationToken">Stops the run between model calls with <see cref="OperationCanceledException"/>.</param>
    Task<Explanation> ExplainAsync(ExplanationRequest request, CancellationToken cancellationToken = default);
}
