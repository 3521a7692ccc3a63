namespace Interp.Explainers;

/// <summary>
/// Base class for explainers: supplies the name and level from <see cref="ExplainerAttribute"/> and the untyped
/// <see cref="IExplainer.ExplainAsync"/> bridge, so an explainer writes only its typed algorithm.
/// </summary>
/// <typeparam name="TRequest">The request family.</typeparam>
/// <typeparam name="TExplanation">The explanation family.</typeparam>
/// <typeparam name="TOptions">The options type.</typeparam>
public abstract class ExplainerBase<TRequest, TExplanation, TOptions> : IExplainer<TRequest, TExplanation>
    where TRequest : ExplanationRequest
    where TExplanation : Explanation
    where TOptions : ExplainerOptions
{
    private readonly ExplainerAttribute _attribute;

    /// <summary>Creates the explainer with its options.</summary>
    /// <param name="options">Validated options.</param>
    protected ExplainerBase(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _attribute = ExplainerAttribute.Of(GetType());
    }

    /// <inheritdoc />
    public string Name => _attribute.Name;

    /// <inheritdoc />
    public ExplainerLevel Level => _attribute.Level;

    /// <inheritdoc />
    public Type RequestType => typeof(TRequest);

    /// <inheritdoc />
    public virtual IReadOnlyList<Type> RequiredCapabilities => _attribute.RequiredCapabilities;

    /// <summary>The options this instance runs with.</summary>
    public TOptions Options { get; }

    ExplainerOptions IExplainer.Options => Options;

    /// <inheritdoc />
    public abstract Task<TExplanation> ExplainAsync(TRequest request, CancellationToken cancellationToken = default);

    async Task<Explanation> IExplainer.ExplainAsync(ExplanationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is not TRequest typed)
        {
            throw new ArgumentException(
                $"Explainer '{Name}' takes a {typeof(TRequest).Name}, not a {request.GetType().Name}.", nameof(request));
        }

        foreach (var capability in RequiredCapabilities)
        {
            if (!capability.IsInstanceOfType(request.Model))
            {
                throw new MissingCapabilityException(Name, capability, request.Model);
            }
        }

        return await ExplainAsync(typed, cancellationToken).ConfigureAwait(false);
    }
}
