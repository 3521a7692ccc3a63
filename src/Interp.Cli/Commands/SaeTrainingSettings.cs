using Interp.Explainers;
using Interp.Sae.Training;
using Microsoft.Extensions.Configuration;

namespace Interp.Cli.Commands;

/// <summary>
/// <c>interp sae train</c>'s options from configuration: the section <c>Interp:Sae:Training</c> of the installed
/// <c>appsettings.json</c>, then <c>--set Option=value</c> pairs (SaeTrainingOptions property names), applied over the flags.
/// </summary>
internal static class SaeTrainingSettings
{
    public const string Section = "Interp:Sae:Training";

    public static SaeTrainingOptions Apply(SaeTrainingOptions options, IEnumerable<string> pairs)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new InterpException($"--set '{pair}': expected Option=value.") { IsConfigurationError = true };
            var key = pair[..eq].Trim();
            if (typeof(SaeTrainingOptions).GetProperty(key, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase) is null)
            {
                throw new InterpException($"--set '{pair}': SaeTrainingOptions has no option '{key}'.") { IsConfigurationError = true };
            }

            overrides[Section + ":" + key] = pair[(eq + 1)..].Trim();
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddInMemoryCollection(overrides)
            .Build();
        var bound = options with { };
        try
        {
            configuration.GetSection(Section).Bind(bound);
        }
        catch (InvalidOperationException e)
        {
            throw new InterpException($"{Section}: {e.Message}") { IsConfigurationError = true };
        }

        return bound;
    }
}
