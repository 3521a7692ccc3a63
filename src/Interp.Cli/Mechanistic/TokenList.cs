using System.Globalization;
using Interp.Explainers;

namespace Interp.Cli.Mechanistic;

/// <summary>Comma-separated token ids from the command line.</summary>
internal static class TokenList
{
    /// <summary>The ids, or null when <paramref name="text"/> is null.</summary>
    public static IReadOnlyList<int>? Parse(string? text, string option)
    {
        if (text is null) return null;
        var ids = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) throw new InterpException($"{option}: '{part}' is not an integer token id.") { IsConfigurationError = true };
            ids.Add(id);
        }

        if (ids.Count == 0) throw new InterpException($"{option}: no token ids given.") { IsConfigurationError = true };
        return ids;
    }
}
