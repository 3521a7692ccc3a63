namespace Interp.Explainers;

/// <summary>A typed explainer of one family: <typeparamref name="TRequest"/> in, <typeparamref name="TExplanation"/> out.</summary>
/// <typeparam name="TRequest">The request family.</typeparam>
/// <typeparam name="TExplanation">The explanation family.</typeparam>
public interface IExplainer<in TRequest, TExplanation> : IExplainer
    where TRequest : ExplanationRequest
    where TExplanation : Explanation
{
    /// <summary>Explains the request's model.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Stops the run between model calls.</param>
    Task<TExplanation> ExplainAsync(TRequest request, CancellationToken cancellationToken = default);
}
