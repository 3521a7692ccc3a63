using System.Text;

namespace Interp.Explainers.Plugins;

/// <summary>
/// Everything the registry knows about one explainer. The <see cref="Name"/> drives the DI key, the configuration
/// section <c>Interp:Explainers:&lt;Name&gt;</c> and the CLI <see cref="Alias"/> (its kebab-case).
/// </summary>
public sealed record ExplainerDescriptor
{
    /// <summary>PascalCase registry name.</summary>
    public required string Name { get; init; }

    /// <summary>The level.</summary>
    public required ExplainerLevel Level { get; init; }

    /// <summary>The implementing type (an <see cref="IExplainer"/>).</summary>
    public required Type ImplementationType { get; init; }

    /// <summary>The options type (an <see cref="ExplainerOptions"/>).</summary>
    public required Type OptionsType { get; init; }

    /// <summary>Capabilities the model must implement.</summary>
    public IReadOnlyList<Type> RequiredCapabilities { get; init; } = [];

    /// <summary>One line saying what it does.</summary>
    public string Description { get; init; } = "";

    /// <summary>Where it came from: <c>pack</c>, <c>plugin</c> or <c>code</c>; set by the host.</summary>
    public string Source { get; init; } = "code";

    /// <summary>The plugin or pack that registered it; set by the host.</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// The CLI alias: the kebab-case of <see cref="Name"/> (<c>FeatureAblation</c> → <c>feature-ablation</c>), unless the
    /// explainer declares another (<see cref="ExplainerAttribute.Alias"/>, e.g. <c>deeplift</c>).
    /// </summary>
    public string Alias => DeclaredAlias ?? ToKebabCase(Name);

    /// <summary>An alias declared by the explainer, or null.</summary>
    public string? DeclaredAlias { get; init; }

    /// <summary>The configuration section holding this explainer's options.</summary>
    public string ConfigurationSection => "Interp:Explainers:" + Name;

    /// <summary>Builds a descriptor from the type's <see cref="ExplainerAttribute"/>.</summary>
    /// <param name="explainerType">The explainer type.</param>
    public static ExplainerDescriptor FromType(Type explainerType)
    {
        ArgumentNullException.ThrowIfNull(explainerType);
        var attribute = ExplainerAttribute.Of(explainerType);
        if (!typeof(IExplainer).IsAssignableFrom(explainerType))
        {
            throw new InvalidOperationException($"{explainerType.FullName} does not implement IExplainer.");
        }

        if (!typeof(ExplainerOptions).IsAssignableFrom(attribute.OptionsType))
        {
            throw new InvalidOperationException($"Options type {attribute.OptionsType.FullName} of {explainerType.FullName} does not derive from ExplainerOptions.");
        }

        return new ExplainerDescriptor
        {
            Name = attribute.Name,
            Level = attribute.Level,
            ImplementationType = explainerType,
            OptionsType = attribute.OptionsType,
            RequiredCapabilities = attribute.RequiredCapabilities,
            Description = attribute.Description,
            DeclaredAlias = attribute.Alias,
        };
    }

    /// <summary>Kebab-case of a PascalCase name: <c>LayerGradCam</c> → <c>layer-grad-cam</c>, <c>KernelShap</c> → <c>kernel-shap</c>.</summary>
    /// <param name="name">A PascalCase name.</param>
    public static string ToKebabCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool boundary = i > 0 && char.IsUpper(c) &&
                (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
