namespace Interp.Explainers.Hosting;

/// <summary>Creates explainers by registry name or CLI alias, with options bound from configuration.</summary>
public interface IExplainerFactory
{
    /// <summary>Creates an explainer with its configured options.</summary>
    /// <param name="nameOrAlias">Registry name (<c>FeatureAblation</c>) or alias (<c>feature-ablation</c>), case-insensitive.</param>
    /// <exception cref="InterpException">Unknown name or invalid options.</exception>
    IExplainer Create(string nameOrAlias);

    /// <summary>Creates an explainer with its configured options, then <paramref name="configure"/> applied and validated.</summary>
    /// <param name="nameOrAlias">Registry name or alias.</param>
    /// <param name="configure">Changes to the bound options (receives the explainer's options type).</param>
    IExplainer Create(string nameOrAlias, Action<ExplainerOptions> configure);
}
