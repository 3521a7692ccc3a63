using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Interp.Explainers;
using Interp.Explainers.Plugins;
using Microsoft.Extensions.Configuration;

namespace Interp.Core.Configuration;

/// <summary>
/// Binds an explainer's options from <c>Interp:Explainers:&lt;Name&gt;</c>: unknown keys are errors naming the key,
/// values that do not convert are errors naming the key, and DataAnnotations plus
/// <see cref="IValidatableObject"/> rules are checked.
/// </summary>
public static class ExplainerOptionsBinder
{
    /// <summary>Binds and validates a fresh options instance.</summary>
    /// <param name="descriptor">The explainer.</param>
    /// <param name="configuration">The root configuration.</param>
    /// <param name="configure">Optional changes applied after binding, before validation.</param>
    /// <exception cref="InterpException">Unknown key, unconvertible value or failed validation (a configuration error).</exception>
    public static ExplainerOptions Bind(ExplainerDescriptor descriptor, IConfiguration configuration, Action<ExplainerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = (ExplainerOptions)(Activator.CreateInstance(descriptor.OptionsType)
            ?? throw new InvalidOperationException($"Cannot create {descriptor.OptionsType.FullName}."));
        var section = configuration.GetSection(descriptor.ConfigurationSection);
        CheckKnownKeys(descriptor, section);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InterpException($"{descriptor.ConfigurationSection}: {ex.Message}", ex) { IsConfigurationError = true };
        }

        configure?.Invoke(options);
        Validate(descriptor, options);
        return options;
    }

    /// <summary>
    /// Applies configuration-style values to options by name (for callers without a compile-time reference to the
    /// options type): keys are option names, list items use <c>Name:0</c>, <c>Name:1</c>, ...
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="values">Option name → value.</param>
    /// <exception cref="InterpException">A key is not an option or a value does not convert.</exception>
    public static void Apply(ExplainerOptions options, IEnumerable<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var known = options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in config.GetChildren())
        {
            if (!known.Contains(child.Key)) throw new InterpException($"{child.Key} is not an option of {options.GetType().Name}.") { IsConfigurationError = true };
        }

        try
        {
            config.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InterpException(ex.Message, ex) { IsConfigurationError = true };
        }
    }

    /// <summary>Validates options with DataAnnotations and <see cref="IValidatableObject"/>.</summary>
    /// <param name="descriptor">The explainer.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="InterpException">Validation failed; the message names every failing option.</exception>
    public static void Validate(ExplainerDescriptor descriptor, ExplainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var lines = results.Select(r =>
            {
                var members = r.MemberNames.Any() ? string.Join(",", r.MemberNames.Select(m => descriptor.ConfigurationSection + ":" + m)) : descriptor.ConfigurationSection;
                return $"{members}: {r.ErrorMessage}";
            });
            throw new InterpException("Invalid options for " + descriptor.Name + ": " + string.Join("; ", lines)) { IsConfigurationError = true };
        }
    }

    private static void CheckKnownKeys(ExplainerDescriptor descriptor, IConfigurationSection section)
    {
        var known = descriptor.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || IsCollection(p.PropertyType))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key))
            {
                throw new InterpException(
                    $"{section.Path}:{child.Key} is not an option of {descriptor.Name}; its options are: {string.Join(", ", known.Order(StringComparer.Ordinal))}.")
                { IsConfigurationError = true };
            }
        }
    }

    private static bool IsCollection(Type t) => t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t);
}
