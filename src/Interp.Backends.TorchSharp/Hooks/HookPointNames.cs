using System.Text.RegularExpressions;
using Interp.Explainers;

namespace Interp.Backends.TorchSharp.Hooks;

/// <summary>Resolves hook names and globs (<c>*</c> within a name part, <c>**</c> across parts) and suggests close names.</summary>
public static class HookPointNames
{
    /// <summary>The hook points matching <paramref name="nameOrGlob"/>, in model order.</summary>
    /// <param name="hookPoints">All hook points, in forward order.</param>
    /// <param name="nameOrGlob">A hook name or glob, e.g. <c>blocks.*.hook_resid_post</c>.</param>
    /// <exception cref="InterpException">Nothing matches; the message lists the closest names.</exception>
    public static IReadOnlyList<HookPoint> Resolve(IReadOnlyList<HookPoint> hookPoints, string nameOrGlob)
    {
        ArgumentNullException.ThrowIfNull(hookPoints);
        ArgumentException.ThrowIfNullOrEmpty(nameOrGlob);
        List<HookPoint> matches;
        if (nameOrGlob.Contains('*', StringComparison.Ordinal) || nameOrGlob.Contains('?', StringComparison.Ordinal))
        {
            var pattern = "^" + Regex.Escape(nameOrGlob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^.]*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
            var regex = new Regex(pattern, RegexOptions.CultureInvariant);
            matches = hookPoints.Where(h => regex.IsMatch(h.HookName)).ToList();
        }
        else
        {
            matches = hookPoints.Where(h => h.HookName == nameOrGlob).ToList();
        }

        if (matches.Count == 0)
        {
            var closest = hookPoints.Select(h => h.HookName)
                .OrderBy(n => Distance(n, nameOrGlob)).ThenBy(n => n, StringComparer.Ordinal).Take(5);
            throw new InterpException($"No hook point named '{nameOrGlob}'. Closest: {string.Join(", ", closest)} ({hookPoints.Count} hook points in all).") { IsConfigurationError = true };
        }

        return matches;
    }

    /// <summary>Levenshtein distance, for suggestions.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
