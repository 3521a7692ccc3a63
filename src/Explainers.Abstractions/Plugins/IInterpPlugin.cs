namespace Interp.Explainers.Plugins;

/// <summary>A plugin's entry point: registers its explainers (and anything else) with the host.</summary>
public interface IInterpPlugin
{
    /// <summary>A short name for listings and errors.</summary>
    string Name { get; }

    /// <summary>Registers the plugin's explainers.</summary>
    /// <param name="registrar">The host's registrar.</param>
    void Register(IExplainerRegistrar registrar);
}
