using Interp.Explainers;
using Interp.Sae.IO;

namespace Interp.Sae.Architectures;

/// <summary>
/// Architectures by name: the built-in <c>standard</c>, <c>topk</c>, <c>jumprelu</c>, <c>gated</c> and any a plugin
/// registers. Two architectures with one name are an error naming both types.
/// </summary>
public sealed class SaeArchitectureRegistry
{
    private readonly Dictionary<string, ISaeArchitecture> _byName = new(StringComparer.Ordinal);

    /// <summary>Builds the registry (the DI container passes every registered <see cref="ISaeArchitecture"/>).</summary>
    /// <param name="architectures">The architectures.</param>
    /// <exception cref="InterpException">Two architectures share a name, or a name is empty.</exception>
    public SaeArchitectureRegistry(IEnumerable<ISaeArchitecture> architectures)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        foreach (var a in architectures)
        {
            if (string.IsNullOrWhiteSpace(a.Name)) throw new InterpException($"SAE architecture {a.GetType().FullName} has an empty name.") { IsConfigurationError = true };
            if (_byName.TryGetValue(a.Name, out var existing))
            {
                throw new InterpException($"Two SAE architectures are named '{a.Name}': {existing.GetType().FullName} ({existing.GetType().Assembly.GetName().Name}) and {a.GetType().FullName} ({a.GetType().Assembly.GetName().Name}).") { IsConfigurationError = true };
            }

            _byName[a.Name] = a;
        }
    }

    /// <summary>The built-in architectures.</summary>
    public static IReadOnlyList<ISaeArchitecture> BuiltIn() =>
        [new StandardArchitecture(), new TopKArchitecture(), new JumpReluArchitecture(), new GatedArchitecture()];

    /// <summary>A registry of the built-ins plus <paramref name="extra"/> (without DI).</summary>
    /// <param name="extra">More architectures.</param>
    public static SaeArchitectureRegistry CreateDefault(params ISaeArchitecture[] extra) => new(BuiltIn().Concat(extra ?? []));

    /// <summary>Registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _byName.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The architecture called <paramref name="name"/>.</summary>
    /// <param name="name">Its name.</param>
    /// <exception cref="InterpException">Unknown name (the known ones are listed).</exception>
    public ISaeArchitecture Get(string name) =>
        _byName.TryGetValue(name ?? "", out var a) ? a
            : throw new InterpException($"Unknown SAE architecture '{name}'. Known: {string.Join(", ", Names)}.") { IsConfigurationError = true };

    /// <summary>Loads an SAE saved with <see cref="SparseAutoencoder.Save"/> (safetensors with a <c>cfg</c> metadata entry).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InterpException">Not an SAE file, or an unknown architecture.</exception>
    public SparseAutoencoder Load(string path)
    {
        Dictionary<string, NamedArray> arrays;
        Dictionary<string, string> metadata;
        try
        {
            (arrays, metadata) = SafeTensorsFile.Read(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new InterpException($"Cannot read SAE '{path}': {ex.Message}", ex);
        }

        if (!metadata.TryGetValue("cfg", out var cfg)) throw new InterpException($"'{path}' has no 'cfg' metadata: not an SAE written by Interp.");
        var config = SaeConfig.FromJson(cfg);
        var architecture = Get(config.Architecture);
        architecture.Validate(config);
        var tensors = arrays.ToDictionary(p => p.Key, p => tensor(p.Value.Floats(), p.Value.Shape), StringComparer.Ordinal);
        return architecture.Create(config, tensors);
    }
}
