namespace Interp.Explainers.Plugins;

/// <summary>Registration helpers for plugins.</summary>
public static class ExplainerRegistrarExtensions
{
    /// <summary>Registers <typeparamref name="TExplainer"/> from its <see cref="ExplainerAttribute"/>.</summary>
    /// <typeparam name="TExplainer">An explainer type with <see cref="ExplainerAttribute"/>.</typeparam>
    /// <param name="registrar">The registrar.</param>
    /// <returns>The registrar, for chaining.</returns>
    public static IExplainerRegistrar AddExplainer<TExplainer>(this IExplainerRegistrar registrar)
        where TExplainer : class, IExplainer
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar.Add(ExplainerDescriptor.FromType(typeof(TExplainer)));
        return registrar;
    }
}
