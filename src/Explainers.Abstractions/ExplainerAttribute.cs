using System.Reflection;

namespace Interp.Explainers;

/// <summary>
/// Declares an explainer: its registry name (which also gives the DI key, the configuration section
/// <c>Interp:Explainers:&lt;Name&gt;</c> and the CLI alias), its level, options type and the model
/// capabilities it needs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExplainerAttribute : Attribute
{
    /// <summary>Declares an explainer.</summary>
    /// <param name="name">PascalCase registry name, e.g. <c>FeatureAblation</c>.</param>
    /// <param name="level">The level it explains at.</param>
    /// <param name="optionsType">Its options type (a subclass of <see cref="ExplainerOptions"/>).</param>
    public ExplainerAttribute(string name, ExplainerLevel level, Type optionsType)
    {
        Name = name;
        Level = level;
        OptionsType = optionsType;
    }

    /// <summary>PascalCase registry name.</summary>
    public string Name { get; }

    /// <summary>The level.</summary>
    public ExplainerLevel Level { get; }

    /// <summary>The options type.</summary>
    public Type OptionsType { get; }

    /// <summary>Capability interfaces the model must implement (e.g. <c>typeof(IPredictor)</c>).</summary>
    public Type[] RequiredCapabilities { get; set; } = [];

    /// <summary>The CLI alias when it is not the kebab-case of the name (e.g. <c>deeplift</c> for <c>DeepLift</c>); the kebab-case form is accepted too.</summary>
    public string? Alias { get; set; }

    /// <summary>One line saying what the explainer does.</summary>
    public string Description { get; set; } = "";

    /// <summary>Reads the attribute of an explainer type.</summary>
    /// <param name="explainerType">A type carrying <see cref="ExplainerAttribute"/>.</param>
    /// <exception cref="InvalidOperationException">The type has no attribute.</exception>
    public static ExplainerAttribute Of(Type explainerType)
    {
        ArgumentNullException.ThrowIfNull(explainerType);
        return explainerType.GetCustomAttribute<ExplainerAttribute>()
            ?? throw new InvalidOperationException(
                $"Explainer type {explainerType.FullName} has no [Explainer(...)] attribute.");
    }
}
