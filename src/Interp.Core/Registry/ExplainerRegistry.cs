using Interp.Explainers;
using Interp.Explainers.Plugins;

namespace Interp.Core.Registry;

/// <summary>The explainers known to the host, keyed by registry name; lookups accept the name or the CLI alias, case-insensitive.</summary>
public sealed class ExplainerRegistry
{
    private readonly Dictionary<string, ExplainerDescriptor> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ExplainerDescriptor> _all = [];

    /// <summary>All descriptors in registration order.</summary>
    public IReadOnlyList<ExplainerDescriptor> All => _all;

    /// <summary>Adds a descriptor.</summary>
    /// <param name="descriptor">The descriptor.</param>
    /// <exception cref="InterpException">The name (or alias) is taken; the message names both origins.</exception>
    public void Add(ExplainerDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (string.IsNullOrWhiteSpace(descriptor.Name) || !char.IsUpper(descriptor.Name[0]) || descriptor.Name.Any(c => !char.IsLetterOrDigit(c)))
        {
            throw new InterpException($"Explainer name '{descriptor.Name}' ({descriptor.ImplementationType.FullName}) must be PascalCase letters and digits.");
        }

        var keys = new[] { descriptor.Name, descriptor.Alias, ExplainerDescriptor.ToKebabCase(descriptor.Name) }.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        foreach (var key in keys)
        {
            if (_byKey.TryGetValue(key, out var existing))
            {
                throw new InterpException(
                    $"Two explainers are named '{descriptor.Name}': {Describe(existing)} and {Describe(descriptor)}.");
            }
        }

        foreach (var key in keys) _byKey[key] = descriptor;
        _all.Add(descriptor);
    }

    /// <summary>Finds a descriptor by name or alias.</summary>
    /// <param name="nameOrAlias">Name or alias.</param>
    public ExplainerDescriptor? Find(string nameOrAlias) =>
        nameOrAlias is not null && _byKey.TryGetValue(nameOrAlias, out var d) ? d : null;

    /// <summary>Finds a descriptor or throws a configuration error that lists the known aliases.</summary>
    /// <param name="nameOrAlias">Name or alias.</param>
    public ExplainerDescriptor Require(string nameOrAlias) =>
        Find(nameOrAlias) ?? throw new InterpException(
            $"Unknown explainer '{nameOrAlias}'. Known: {string.Join(", ", _all.Select(d => d.Alias).Order(StringComparer.Ordinal))}.")
        { IsConfigurationError = true };

    private static string Describe(ExplainerDescriptor d) =>
        $"{d.ImplementationType.FullName} from {d.Source} '{d.Origin ?? d.ImplementationType.Assembly.GetName().Name}'";
}
