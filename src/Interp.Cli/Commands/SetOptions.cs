using System.Collections;
using System.Globalization;
using Interp.Explainers;
using Interp.Explainers.Plugins;

namespace Interp.Cli.Commands;

/// <summary>
/// Turns <c>--set Option=value</c> pairs into configuration keys <c>Interp:Explainers:&lt;Name&gt;:&lt;Option&gt;</c>; list
/// options take comma-separated values (<c>--set SlidingWindowShapes=1,3,3</c>).
/// </summary>
internal static class SetOptions
{
    public static Dictionary<string, string?> ToConfiguration(ExplainerDescriptor descriptor, IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new InterpException($"--set '{pair}': expected Option=value.") { IsConfigurationError = true };
            var key = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            var property = descriptor.OptionsType.GetProperty(key, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            var prefix = descriptor.ConfigurationSection + ":" + (property?.Name ?? key);
            if (property is not null && property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                var parts = value.Split(',', StringSplitOptions.TrimEntries);
                for (int i = 0; i < parts.Length; i++) result[prefix + ":" + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
            }
            else
            {
                result[prefix] = value;
            }
        }

        return result;
    }
}
